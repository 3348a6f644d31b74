import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each "assign to new user" request with who made it and how identity answered, so the requester
 * can be shown their refusals whenever they look, not only while their page waits for the answer.
 * Requests made before are filled in from their events.
 */
export class InvitationRequestOutcomes1732300001900 implements MigrationInterface {
  name = 'InvitationRequestOutcomes1732300001900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE email_assignment_requests
        ADD COLUMN requested_by text, ADD COLUMN email text, ADD COLUMN error_ids uuid[], ADD COLUMN requested_at timestamptz,
        ADD COLUMN status text NOT NULL DEFAULT 'pending', ADD COLUMN assignee_user_id text, ADD COLUMN code text, ADD COLUMN reason text,
        ADD COLUMN answered_at timestamptz`);
    await queryRunner.query(`
      UPDATE email_assignment_requests r
         SET requested_by = e.data->'requestedBy'->>'id', email = e.data->>'email', requested_at = (e.metadata->>'occurredAt')::timestamptz,
             error_ids = ARRAY(SELECT jsonb_array_elements_text(e.data->'errorIds'))::uuid[]
        FROM event_store e
       WHERE e.event_type = 'EmailAssignmentRequested' AND e.data->>'requestId' = r.request_id::text`);
    await queryRunner.query(`
      UPDATE email_assignment_requests r
         SET status = CASE e.event_type WHEN 'EmailAssignmentInvited' THEN 'completed' ELSE 'refused' END,
             assignee_user_id = e.data->>'userId', code = e.data->>'code', reason = e.data->>'reason', answered_at = (e.metadata->>'occurredAt')::timestamptz
        FROM event_store e
       WHERE e.event_type IN ('EmailAssignmentInvited', 'EmailAssignmentRefused') AND e.data->>'requestId' = r.request_id::text`);
    await queryRunner.query('CREATE INDEX email_assignment_requests_requester ON email_assignment_requests (account_id, requested_by, requested_at DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX email_assignment_requests_requester');
    await queryRunner.query(`
      ALTER TABLE email_assignment_requests
        DROP COLUMN requested_by, DROP COLUMN email, DROP COLUMN error_ids, DROP COLUMN requested_at, DROP COLUMN status,
        DROP COLUMN assignee_user_id, DROP COLUMN code, DROP COLUMN reason, DROP COLUMN answered_at`);
  }
}
