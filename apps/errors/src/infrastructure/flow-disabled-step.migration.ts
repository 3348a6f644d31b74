import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which step's 6000 disabled a flow, for its page to say so. */
export class FlowDisabledStep1732300000900 implements MigrationInterface {
  name = 'FlowDisabledStep1732300000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE flows ADD COLUMN disabled_by_step_id text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE flows DROP COLUMN disabled_by_step_id');
  }
}
