import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Class and severity of each error in the list. Both are filters people combine with the
 * account and time order, so each index leads with the account and keeps the keyset order.
 */
export class ErrorsListClassification1732300000400 implements MigrationInterface {
  name = 'ErrorsListClassification1732300000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE errors_list
        ADD COLUMN error_class text NOT NULL DEFAULT 'unknown',
        ADD COLUMN severity text NOT NULL DEFAULT 'none',
        ADD COLUMN http_status_name text`);
    await queryRunner.query(
      'CREATE INDEX errors_list_class ON errors_list (account_id, error_class, occurred_at DESC, error_id DESC)',
    );
    await queryRunner.query(
      "CREATE INDEX errors_list_severe ON errors_list (account_id, severity, occurred_at DESC, error_id DESC) WHERE severity <> 'none'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX errors_list_severe');
    await queryRunner.query('DROP INDEX errors_list_class');
    await queryRunner.query('ALTER TABLE errors_list DROP COLUMN http_status_name, DROP COLUMN severity, DROP COLUMN error_class');
  }
}
