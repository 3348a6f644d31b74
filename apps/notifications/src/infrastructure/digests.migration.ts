import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The debounce projection lives here, not in memory or timers: open windows with their due
 * times (the flusher takes the due ones by index, oldest first, many users at once), the errors
 * waiting in each, each error's current assignee and what an email says about it, and the
 * email outbox the sender delivers from (a crash between sending and recording sends an email
 * at most once more).
 */
export class Digests1732300000800 implements MigrationInterface {
  name = 'Digests1732300000800';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE notify_errors (
        error_id uuid PRIMARY KEY,
        account_id text NOT NULL,
        integration_id text NOT NULL,
        flow_id text NOT NULL,
        flow_step_id text NOT NULL,
        message text NOT NULL,
        occurred_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE TABLE current_assignees (error_id uuid PRIMARY KEY, assignee_id text, version integer NOT NULL)');
    await queryRunner.query(`
      CREATE TABLE digest_windows (
        user_id text PRIMARY KEY,
        account_id text NOT NULL,
        opened_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX digest_windows_due ON digest_windows (due_at)');
    await queryRunner.query(`
      CREATE TABLE digest_entries (
        user_id text NOT NULL,
        error_id uuid NOT NULL,
        assigned_at timestamptz NOT NULL,
        assigned_by text NOT NULL,
        PRIMARY KEY (user_id, error_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE emails (
        email_id uuid PRIMARY KEY,
        account_id text NOT NULL,
        kind text NOT NULL,
        user_id text NOT NULL,
        recipient text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        error_ids uuid[] NOT NULL DEFAULT '{}',
        part integer NOT NULL DEFAULT 1,
        of integer NOT NULL DEFAULT 1,
        from_assignment boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        smtp_message_id text,
        last_error text,
        created_at timestamptz NOT NULL,
        sent_at timestamptz
      )`);
    await queryRunner.query("CREATE INDEX emails_pending ON emails (next_attempt_at) WHERE status = 'pending'");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['emails', 'digest_entries', 'digest_windows', 'current_assignees', 'notify_errors']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
