import { MigrationInterface, QueryRunner } from 'typeorm';

/** The directory: accounts and users as identity's own projections of its events. */
export class IdentityDirectory1732300000200 implements MigrationInterface {
  name = 'IdentityDirectory1732300000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE accounts (
        account_id text PRIMARY KEY,
        name text NOT NULL,
        plan text NOT NULL,
        invitations_enabled boolean NOT NULL,
        owner_user_id text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE users (
        user_id text PRIMARY KEY,
        account_id text NOT NULL REFERENCES accounts (account_id),
        email text NOT NULL,
        name text,
        role text NOT NULL,
        status text NOT NULL,
        access jsonb NOT NULL DEFAULT '{}',
        password_hash text,
        invitation_token_hash text,
        invitation_expires_at timestamptz,
        invited_by text,
        from_assignment boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL,
        CONSTRAINT users_one_per_email UNIQUE (account_id, email)
      )`);
    // Sign-in looks users up by email across accounts; acceptance looks invitations up by token.
    await queryRunner.query(`CREATE INDEX users_email ON users (email)`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_invitation_token ON users (invitation_token_hash)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE users');
    await queryRunner.query('DROP TABLE accounts');
  }
}
