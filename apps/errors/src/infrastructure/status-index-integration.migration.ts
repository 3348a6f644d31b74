import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Open in one integration" counted its total by the step index, which holds the status but
 * orders by flow: where a flow's errors were all resolved, the count read each of them to find
 * none (50,000 entries, 16 ms at a million errors). The status index now holds the integration
 * before the time, so that count and its pages read only matches. "Open" across integrations
 * walks the recent index instead, which now holds the status. Ingest writes no more entries.
 */
export class StatusIndexIntegration1732300002600 implements MigrationInterface {
  name = 'StatusIndexIntegration1732300002600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.replace(queryRunner, {
      errors_list_status: '(account_id, status, integration_id, occurred_at DESC, error_id DESC)',
      errors_list_account_recent: '(account_id, occurred_at DESC, error_id DESC) INCLUDE (status)',
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.replace(queryRunner, {
      errors_list_status: '(account_id, status, occurred_at DESC, error_id DESC)',
      errors_list_account_recent: '(account_id, occurred_at DESC, error_id DESC)',
    });
  }

  private async replace(queryRunner: QueryRunner, indexes: Record<string, string>): Promise<void> {
    for (const [name, definition] of Object.entries(indexes)) {
      await queryRunner.query(`DROP INDEX ${name}`);
      await queryRunner.query(`CREATE INDEX ${name} ON errors_list ${definition}`);
    }
  }
}
