import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity admits machine API tokens too: its tokens are found by their hash (taken from the
 * tokens' own events for those made before), and it notes when each was last used here.
 */
export class ApiTokenAdmission1732300001900 implements MigrationInterface {
  name = 'ApiTokenAdmission1732300001900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE api_tokens ADD COLUMN token_hash text, ADD COLUMN last_used_at timestamptz');
    await queryRunner.query(`
      UPDATE api_tokens SET token_hash = created.data->>'tokenHash'
        FROM event_store created
       WHERE created.event_type = 'ApiTokenCreated' AND created.data->>'tokenId' = api_tokens.token_id::text`);
    await queryRunner.query('ALTER TABLE api_tokens ALTER COLUMN token_hash SET NOT NULL');
    await queryRunner.query('CREATE UNIQUE INDEX api_tokens_hash ON api_tokens (token_hash)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE api_tokens DROP COLUMN token_hash, DROP COLUMN last_used_at');
  }
}
