import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Error notifications, severity notifications and the audit:
 * - windows gain a stream, so assignment digests and error summaries share the debounce
 *   mechanics (and the due-time index) yet never share a window;
 * - the errors copy keeps each error's status, why it was resolved and whether an email has
 *   mentioned it (an error auto-resolved before any mention is never reported), with a partial
 *   index for "still open in these flows";
 * - subscriptions (projected from each user's subscription stream) by flow, for fan-out;
 * - pending invitations' acceptance paths, so an invitee's digest links go through acceptance;
 * - an email's kind-specific facts (what its sent event says) in one column, and an index for
 *   the audit's newest-first pages per account.
 */
export class ErrorNotifications1732300000900 implements MigrationInterface {
  name = 'ErrorNotifications1732300000900';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE digest_windows ADD COLUMN stream text NOT NULL DEFAULT 'assignment'");
    await queryRunner.query('ALTER TABLE digest_windows DROP CONSTRAINT digest_windows_pkey, ADD PRIMARY KEY (stream, user_id)');
    await queryRunner.query('DROP INDEX digest_windows_due');
    await queryRunner.query('CREATE INDEX digest_windows_due ON digest_windows (stream, due_at)');

    await queryRunner.query(`
      ALTER TABLE notify_errors
        ADD COLUMN status text NOT NULL DEFAULT 'open',
        ADD COLUMN resolution text,
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN mentioned boolean NOT NULL DEFAULT false`);
    await queryRunner.query("CREATE INDEX notify_errors_open_by_flow ON notify_errors (account_id, integration_id, flow_id) WHERE status = 'open'");

    await queryRunner.query(`
      CREATE TABLE flow_subscriptions (
        user_id text NOT NULL,
        account_id text NOT NULL,
        integration_id text NOT NULL,
        flow_id text NOT NULL,
        subscribed_at timestamptz NOT NULL,
        subscribed_by jsonb NOT NULL,
        PRIMARY KEY (user_id, integration_id, flow_id)
      )`);
    await queryRunner.query('CREATE INDEX flow_subscriptions_by_flow ON flow_subscriptions (account_id, integration_id, flow_id)');
    await queryRunner.query(`
      CREATE TABLE summary_entries (
        user_id text NOT NULL,
        error_id uuid NOT NULL,
        change text NOT NULL,
        at timestamptz NOT NULL,
        PRIMARY KEY (user_id, error_id, change)
      )`);
    await queryRunner.query('CREATE TABLE pending_invitations (user_id text PRIMARY KEY, acceptance_path text NOT NULL)');

    await queryRunner.query(`ALTER TABLE emails ADD COLUMN facts jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`UPDATE emails SET facts = CASE kind WHEN 'invitation' THEN jsonb_build_object('fromAssignment', from_assignment)
                                                           ELSE jsonb_build_object('part', part, 'of', of) END`);
    await queryRunner.query('ALTER TABLE emails DROP COLUMN part, DROP COLUMN of, DROP COLUMN from_assignment');
    await queryRunner.query('CREATE INDEX emails_audit ON emails (account_id, created_at DESC, email_id DESC)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX emails_audit');
    await queryRunner.query(`
      ALTER TABLE emails ADD COLUMN part integer NOT NULL DEFAULT 1, ADD COLUMN of integer NOT NULL DEFAULT 1,
        ADD COLUMN from_assignment boolean NOT NULL DEFAULT false`);
    await queryRunner.query('ALTER TABLE emails DROP COLUMN facts');
    for (const table of ['pending_invitations', 'summary_entries', 'flow_subscriptions']) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query('DROP INDEX notify_errors_open_by_flow');
    await queryRunner.query('ALTER TABLE notify_errors DROP COLUMN status, DROP COLUMN resolution, DROP COLUMN version, DROP COLUMN mentioned');
    await queryRunner.query("DELETE FROM digest_windows WHERE stream <> 'assignment'");
    await queryRunner.query('DROP INDEX digest_windows_due');
    await queryRunner.query('ALTER TABLE digest_windows DROP CONSTRAINT digest_windows_pkey, DROP COLUMN stream, ADD PRIMARY KEY (user_id)');
    await queryRunner.query('CREATE INDEX digest_windows_due ON digest_windows (due_at)');
  }
}
