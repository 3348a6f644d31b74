import { MigrationInterface, QueryRunner } from 'typeorm';

/** The names a runtime gives its integration, flow and step (ErrorOccurred v2), for the list to show. */
export class ErrorNames1732300001000 implements MigrationInterface {
  name = 'ErrorNames1732300001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE errors_list ADD COLUMN integration_name text, ADD COLUMN flow_name text, ADD COLUMN flow_step_name text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE errors_list DROP COLUMN integration_name, DROP COLUMN flow_name, DROP COLUMN flow_step_name');
  }
}
