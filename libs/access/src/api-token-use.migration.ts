import { MigrationInterface, QueryRunner } from 'typeorm';

/** When each machine token was last used on this service, for its owners to see stale tokens. */
export class AccessApiTokenUse1732300001700 implements MigrationInterface {
  name = 'AccessApiTokenUse1732300001700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE access_api_tokens ADD COLUMN last_used_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE access_api_tokens DROP COLUMN last_used_at');
  }
}
