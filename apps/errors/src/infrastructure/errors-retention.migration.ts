import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention: each account's period (absent: the service's default), and the index the purge
 * walks — errors by when they last occurred, oldest first, across accounts.
 */
export class ErrorsRetention1732300000600 implements MigrationInterface {
  name = 'ErrorsRetention1732300000600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE account_retention (account_id text PRIMARY KEY, days integer NOT NULL)');
    await queryRunner.query('CREATE INDEX errors_list_last_occurred ON errors_list (last_occurred_at)');
    await queryRunner.query('CREATE INDEX pending_retries_not_before ON pending_retries (not_before)');
    await queryRunner.query('CREATE INDEX flow_activity_occurred ON flow_activity (occurred_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX flow_activity_occurred');
    await queryRunner.query('DROP INDEX pending_retries_not_before');
    await queryRunner.query('DROP INDEX errors_list_last_occurred');
    await queryRunner.query('DROP TABLE account_retention');
  }
}
