import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The list counts its total (up to 1,000) for an assignee's errors with tags, and for one step's
 * open errors, by walking these indexes; with the status and the tags in the index entries that
 * walk needs no row of the table where the visibility map allows. They replace the old indexes:
 * ingest writes no more index entries than before, each a little wider.
 */
export class CountedFromIndex1732300002100 implements MigrationInterface {
  name = 'CountedFromIndex1732300002100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX errors_list_assignee');
    await queryRunner.query('CREATE INDEX errors_list_assignee ON errors_list (account_id, assignee_id, occurred_at DESC, error_id DESC) INCLUDE (status, tag_ids)');
    await queryRunner.query('DROP INDEX errors_list_flow_step');
    await queryRunner.query('CREATE INDEX errors_list_flow_step ON errors_list (account_id, integration_id, flow_id, flow_step_id, occurred_at DESC, error_id DESC) INCLUDE (status)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX errors_list_flow_step');
    await queryRunner.query('CREATE INDEX errors_list_flow_step ON errors_list (account_id, integration_id, flow_id, flow_step_id, occurred_at DESC, error_id DESC)');
    await queryRunner.query('DROP INDEX errors_list_assignee');
    await queryRunner.query('CREATE INDEX errors_list_assignee ON errors_list (account_id, assignee_id, occurred_at DESC, error_id DESC)');
  }
}
