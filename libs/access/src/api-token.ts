import type { AccessLevel, Role } from '@faultline/access-policy';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AccessUser } from './access.read-model';

/** Machine API tokens are told apart from people's signed access tokens by this prefix. */
const PREFIX = 'flt_';

export type ApiTokenScope = 'read' | 'triage' | 'admin';

/** A fresh token (shown once, to its creator) and the hash everything else keeps. */
export function newApiToken(): { token: string; tokenHash: string } {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: apiTokenHash(token) };
}

export const isApiToken = (bearer: string): boolean => bearer.startsWith(PREFIX);

export const apiTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * What a scope may do, as a user of the account: `read` and `triage` act as a member with
 * monitor or manage access to every integration (`read` is also held to safe methods), `admin`
 * as an admin.
 */
const AS_USER: Record<ApiTokenScope, { role: Role; everyIntegration?: AccessLevel }> = {
  read: { role: 'member', everyIntegration: 'monitor' },
  triage: { role: 'member', everyIntegration: 'manage' },
  admin: { role: 'admin' },
};

export interface ApiTokenHolder extends AccessUser {
  tokenId: string;
  scope: ApiTokenScope;
}

/** The live token with this value: not revoked, not expired; undefined otherwise. */
export async function apiTokenHolder(manager: EntityManager, token: string, now: Date): Promise<ApiTokenHolder | undefined> {
  const rows: Array<{ token_id: string; account_id: string; name: string; scope: ApiTokenScope }> = await manager.query(
    `SELECT token_id, account_id, name, scope FROM access_api_tokens
      WHERE token_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)`,
    [apiTokenHash(token), now],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { tokenId: row.token_id, userId: `token:${row.token_id}`, accountId: row.account_id, email: '', name: row.name, status: 'active', access: {}, scope: row.scope, ...AS_USER[row.scope] };
}
