import { MigrationInterface, QueryRunner } from 'typeorm';

/** A pending invitation's token is kept sealed, as identity sent it; the path alone is the page. */
export class SealedInvitationTokens1732300001200 implements MigrationInterface {
  name = 'SealedInvitationTokens1732300001200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE pending_invitations ADD COLUMN sealed_token text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE pending_invitations DROP COLUMN sealed_token');
  }
}
