import { MigrationInterface, QueryRunner } from 'typeorm';

/** A shorter retention waits out its notice: the period to come and when it takes over. */
export class RetentionShortening1732300002200 implements MigrationInterface {
  name = 'RetentionShortening1732300002200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE account_retention ADD COLUMN shortening_days integer, ADD COLUMN shortening_effective_at timestamptz');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE account_retention DROP COLUMN shortening_days, DROP COLUMN shortening_effective_at');
  }
}
