import { MigrationInterface, QueryRunner } from 'typeorm';

/** When a digest's window closed: sent − due is the digest's lateness, which operators watch. */
export class EmailDueAt1732300001500 implements MigrationInterface {
  name = 'EmailDueAt1732300001500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE emails ADD COLUMN due_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE emails DROP COLUMN due_at');
  }
}
