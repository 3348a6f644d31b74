import { MigrationInterface, QueryRunner } from 'typeorm';

/** A service's local copy of who may do what, projected from identity.events.v1. */
export class AccessTables1732300000300 implements MigrationInterface {
  name = 'AccessTables1732300000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE access_accounts (
        account_id text PRIMARY KEY,
        plan text NOT NULL,
        invitations_enabled boolean NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE access_users (
        user_id text PRIMARY KEY,
        account_id text NOT NULL,
        email text NOT NULL,
        name text,
        role text NOT NULL,
        status text NOT NULL,
        access jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query('CREATE INDEX access_users_account ON access_users (account_id, email)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE access_users');
    await queryRunner.query('DROP TABLE access_accounts');
  }
}
