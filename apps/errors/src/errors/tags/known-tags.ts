import { Refusal } from '@faultline/access-policy';
import type { EntityManager } from 'typeorm';

/** Tags put on errors must be tags of the account's catalogue. */
export class UnknownTags extends Refusal {
  readonly code = 'UNKNOWN_TAGS';

  constructor(tagIds: string[]) {
    super(`no such tag in this account: ${tagIds.join(', ')}`);
  }
}

export async function requireKnownTags(manager: EntityManager, accountId: string, tagIds: string[]): Promise<void> {
  if (tagIds.length === 0) return;
  const rows: Array<{ tag_id: string }> = await manager.query('SELECT tag_id FROM tags WHERE account_id = $1 AND tag_id = ANY($2::uuid[])', [accountId, tagIds]);
  const known = new Set(rows.map((row) => row.tag_id));
  const unknown = tagIds.filter((tagId) => !known.has(tagId));
  if (unknown.length > 0) throw new UnknownTags(unknown);
}
