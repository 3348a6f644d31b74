import { API_TOKEN_ACTOR_PREFIX, apiTokenLabel } from '@faultline/access';
import type { EntityManager } from 'typeorm';

/**
 * How emails name who did something: a person by name, else by email address; a machine API
 * token (acting as `token:<tokenId>`) by its name; anyone not known here yet by id.
 */
export async function displayNames(manager: EntityManager, actorIds: string[]): Promise<(actorId: string) => string> {
  const rows: Array<{ actorId: string; shown: string; token: boolean }> = await manager.query(
    `SELECT user_id AS "actorId", coalesce(name, email) AS shown, false AS token FROM access_users WHERE user_id = ANY($1::text[])
     UNION ALL
     SELECT $2 || token_id, name, true FROM access_api_tokens WHERE $2 || token_id = ANY($1::text[])`,
    [[...new Set(actorIds)], API_TOKEN_ACTOR_PREFIX],
  );
  const names = new Map(rows.map((row) => [row.actorId, row.token ? apiTokenLabel(row.shown) : row.shown]));
  return (actorId) => names.get(actorId) ?? actorId;
}
