import { MigrationInterface, QueryRunner } from 'typeorm';

/** The accounts' machine API tokens as their owners and admins see them: never the token, nor its hash. */
export class ApiTokens1732300001400 implements MigrationInterface {
  name = 'ApiTokens1732300001400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_tokens (
        token_id uuid PRIMARY KEY,
        account_id text NOT NULL,
        name text NOT NULL,
        scope text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query('CREATE INDEX api_tokens_account ON api_tokens (account_id, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_tokens');
  }
}
