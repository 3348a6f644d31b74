import { MigrationInterface, QueryRunner } from 'typeorm';

/** An email a sender has taken to send: no other sender takes it until then (a sender that died lets it go). */
export class EmailClaims1732300001600 implements MigrationInterface {
  name = 'EmailClaims1732300001600';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE emails ADD COLUMN claimed_until timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE emails DROP COLUMN claimed_until');
  }
}
