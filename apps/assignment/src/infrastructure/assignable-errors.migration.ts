import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assignment app's own copy of the errors it may assign (from errors.events.v1) with their
 * current assignee. Indexes: a retry data key cascade looks up the open errors of one step with
 * one key; a new error looks for the assigned open error with its key; a superseded error names
 * its successor; the workload counts open errors per assignee within an integration and flow.
 * The columns the Errors list filters on are named as in the errors app's list, so "assign
 * everything matching" applies the very same filter (libs/errors-filter).
 */
export class AssignableErrors1732300000700 implements MigrationInterface {
  name = 'AssignableErrors1732300000700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE assignable_errors (
        error_id uuid PRIMARY KEY,
        account_id text NOT NULL,
        integration_id text NOT NULL,
        flow_id text NOT NULL,
        flow_step_id text NOT NULL,
        status text NOT NULL,
        retry_data_key text,
        trace_key text,
        superseded_by uuid,
        assignee_id text,
        assignment_id uuid,
        assigned_at timestamptz,
        occurred_at timestamptz NOT NULL,
        message text NOT NULL,
        source text,
        http_status integer,
        error_class text NOT NULL,
        severity text NOT NULL,
        tag_ids uuid[] NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(
      "CREATE INDEX assignable_errors_retry_data_key ON assignable_errors (account_id, flow_step_id, retry_data_key) WHERE status = 'open' AND retry_data_key IS NOT NULL",
    );
    await queryRunner.query('CREATE INDEX assignable_errors_superseded ON assignable_errors (superseded_by) WHERE superseded_by IS NOT NULL');
    await queryRunner.query('CREATE INDEX assignable_errors_workload ON assignable_errors (account_id, integration_id, flow_id, status, assignee_id)');
    // Identity answers an InvitationRequested by its eventId (causationId): which request was it?
    await queryRunner.query(`
      CREATE TABLE email_assignment_requests (
        invitation_event_id uuid PRIMARY KEY,
        request_id uuid NOT NULL UNIQUE,
        account_id text NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE email_assignment_requests');
    await queryRunner.query('DROP TABLE assignable_errors');
  }
}
