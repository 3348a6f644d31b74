import type { EntityManager } from 'typeorm';

/** How emails name people: by name, else by email address, else (not known here yet) by id. */
export async function displayNames(manager: EntityManager, userIds: string[]): Promise<(userId: string) => string> {
  const rows: Array<{ userId: string; shown: string }> = await manager.query(
    'SELECT user_id AS "userId", coalesce(name, email) AS shown FROM access_users WHERE user_id = ANY($1::text[])',
    [[...new Set(userIds)]],
  );
  const names = new Map(rows.map((row) => [row.userId, row.shown]));
  return (userId) => names.get(userId) ?? userId;
}
