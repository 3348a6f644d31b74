import { MigrationInterface, QueryRunner } from 'typeorm';

/** Failed sign-ins per counter (an email from an address, an address, an email), shared by every identity instance. */
export class SignInFailures1732300001100 implements MigrationInterface {
  name = 'SignInFailures1732300001100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sign_in_failures (
        counter text PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX sign_in_failures_last ON sign_in_failures (last_failure_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE sign_in_failures');
  }
}
