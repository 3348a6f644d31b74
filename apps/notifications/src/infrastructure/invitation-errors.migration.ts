import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invitation made by assigning errors names them, so the invitee's next digest must not name
 * them again: digest entries keep the correlation id of the request that assigned them, and the
 * errors an invitation named are kept under the same id until the digest has skipped them.
 */
export class InvitationErrors1732300001000 implements MigrationInterface {
  name = 'InvitationErrors1732300001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE digest_entries ADD COLUMN correlation_id text');
    await queryRunner.query(`
      CREATE TABLE invitation_named_errors (
        user_id text NOT NULL,
        error_id uuid NOT NULL,
        correlation_id text NOT NULL,
        PRIMARY KEY (user_id, error_id, correlation_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE invitation_named_errors');
    await queryRunner.query('ALTER TABLE digest_entries DROP COLUMN correlation_id');
  }
}
