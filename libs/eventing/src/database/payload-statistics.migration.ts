import { MigrationInterface, QueryRunner } from 'typeorm';

const PAYLOADS = [
  ['event_store', 'data'],
  ['event_store', 'metadata'],
  ['outbox', 'value'],
  ['outbox', 'headers'],
] as const;

/**
 * No query filters on the stored events' and outbox rows' JSON payloads, but ANALYZE read and
 * summarised them: 400–470 ms per ANALYZE of either table at 100,000 rows, most of it
 * detoasting JSON. Their statistics are switched off; the keys queries use keep theirs.
 */
export class PayloadStatistics1732300000060 implements MigrationInterface {
  name = 'PayloadStatistics1732300000060';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of PAYLOADS) await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN ${column} SET STATISTICS 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of PAYLOADS) await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN ${column} SET STATISTICS -1`);
  }
}
