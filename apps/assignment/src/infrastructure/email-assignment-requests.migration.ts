import { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity answers an assignment to a new email by its request id: the invitation event's id was never read. */
export class EmailAssignmentRequestsByRequest1732300000800 implements MigrationInterface {
  name = 'EmailAssignmentRequestsByRequest1732300000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE email_assignment_requests DROP COLUMN invitation_event_id');
    await queryRunner.query('ALTER TABLE email_assignment_requests DROP CONSTRAINT email_assignment_requests_request_id_key, ADD PRIMARY KEY (request_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE email_assignment_requests DROP CONSTRAINT email_assignment_requests_pkey, ADD CONSTRAINT email_assignment_requests_request_id_key UNIQUE (request_id)');
    await queryRunner.query('ALTER TABLE email_assignment_requests ADD COLUMN invitation_event_id uuid');
  }
}
