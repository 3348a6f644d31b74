import { MigrationInterface, QueryRunner } from 'typeorm';

/** The names of each error's integration, flow and step, when the runtime gave them: emails show them. */
export class ErrorNames1732300001300 implements MigrationInterface {
  name = 'ErrorNames1732300001300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE notify_errors ADD COLUMN integration_name text, ADD COLUMN flow_name text, ADD COLUMN flow_step_name text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE notify_errors DROP COLUMN integration_name, DROP COLUMN flow_name, DROP COLUMN flow_step_name');
  }
}
