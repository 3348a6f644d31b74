import { MigrationInterface, QueryRunner } from 'typeorm';

export class ErrorsListTable1732300000100 implements MigrationInterface {
  name = 'ErrorsListTable1732300000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE errors_list (
        error_id uuid PRIMARY KEY,
        account_id text NOT NULL,
        integration_id text NOT NULL,
        flow_id text NOT NULL,
        flow_step_id text NOT NULL,
        step_type text NOT NULL,
        run_id text NOT NULL,
        message text NOT NULL,
        code text,
        source text,
        http_status integer,
        retry_data_key text,
        trace_key text,
        status text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        version integer NOT NULL
      )`);
    // Keyset pagination walks (occurred_at, error_id) newest first inside one account.
    await queryRunner.query(
      `CREATE INDEX errors_list_account_recent ON errors_list (account_id, occurred_at DESC, error_id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX errors_list_flow_step ON errors_list (account_id, integration_id, flow_id, flow_step_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE errors_list');
  }
}
