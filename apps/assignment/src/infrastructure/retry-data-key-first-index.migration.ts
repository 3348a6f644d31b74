import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The open errors of the same records are looked up by retry data key, step, flow and
 * integration. The index led by the account competed with the workload index (account,
 * integration, flow, status): on statistics of a table that grew since it was analyzed the
 * planner took either for a few rows and read every open error of the account for each batch
 * (2,266 rows for 15 keys, 44 ms, while the assignment app caught up). Led by the key, no other
 * index can serve the lookup: one probe per key.
 */
export class RetryDataKeyFirstIndex1732300002400 implements MigrationInterface {
  name = 'RetryDataKeyFirstIndex1732300002400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX assignable_errors_retry_data_key');
    await queryRunner.query(
      "CREATE INDEX assignable_errors_retry_data_key ON assignable_errors (retry_data_key, flow_step_id, flow_id, integration_id) WHERE status = 'open' AND retry_data_key IS NOT NULL",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX assignable_errors_retry_data_key');
    await queryRunner.query(
      "CREATE INDEX assignable_errors_retry_data_key ON assignable_errors (account_id, flow_step_id, retry_data_key) WHERE status = 'open' AND retry_data_key IS NOT NULL",
    );
  }
}
