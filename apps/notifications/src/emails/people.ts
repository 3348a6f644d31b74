import type { EntityManager } from 'typeorm';

/**
 * How emails name who did something: a person by name, else by email address; a machine API
 * token (acting as `token:<tokenId>`) by its name; anyone not known here yet by id.
 */
export async function displayNames(manager: EntityManager, actorIds: string[]): Promise<(actorId: string) => string> {
  const rows: Array<{ actorId: string; shown: string }> = await manager.query(
    `SELECT user_id AS "actorId", coalesce(name, email) AS shown FROM access_users WHERE user_id = ANY($1::text[])
     UNION ALL
     SELECT 'token:' || token_id, 'API token “' || name || '”' FROM access_api_tokens WHERE 'token:' || token_id = ANY($1::text[])`,
    [[...new Set(actorIds)]],
  );
  const names = new Map(rows.map((row) => [row.actorId, row.shown]));
  return (actorId) => names.get(actorId) ?? actorId;
}
