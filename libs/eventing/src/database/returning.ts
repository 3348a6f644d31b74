import type { EntityManager } from 'typeorm';

/**
 * The rows an UPDATE or DELETE … RETURNING gave back. TypeORM answers those two statements with
 * `[rows, affected count]` rather than the rows every other statement gives, so reading its
 * answer as rows silently finds none.
 */
export async function returning<Row>(manager: EntityManager, sql: string, params: unknown[]): Promise<Row[]> {
  const [rows]: [Row[], number] = await manager.query(sql, params);
  return rows;
}
