import { MigrationInterface, QueryRunner } from 'typeorm';

/** The account's machine API tokens, by the hash of their value, as identity announces them. */
export class AccessApiTokens1732300001400 implements MigrationInterface {
  name = 'AccessApiTokens1732300001400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE access_api_tokens (
        token_hash text PRIMARY KEY,
        token_id uuid NOT NULL UNIQUE,
        account_id text NOT NULL,
        name text NOT NULL,
        scope text NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE access_api_tokens');
  }
}
