import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No query reads the errors list by when an error was recorded (filters and the timeline go by
 * when it occurred), so its index only cost every ingest a write per error.
 */
export class UnreadRecordedIndex1732300002000 implements MigrationInterface {
  name = 'UnreadRecordedIndex1732300002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX errors_list_recorded');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX errors_list_recorded ON errors_list (account_id, recorded_at)');
  }
}
