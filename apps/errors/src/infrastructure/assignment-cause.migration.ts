import { MigrationInterface, QueryRunner } from 'typeorm';

/** Why each error has its assignee (a person's choice or an assignment rule), for the list to say so. */
export class AssignmentCause1732300000800 implements MigrationInterface {
  name = 'AssignmentCause1732300000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE error_assignees ADD COLUMN cause text');
    await queryRunner.query('ALTER TABLE errors_list ADD COLUMN assignment_cause text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE errors_list DROP COLUMN assignment_cause');
    await queryRunner.query('ALTER TABLE error_assignees DROP COLUMN cause');
  }
}
