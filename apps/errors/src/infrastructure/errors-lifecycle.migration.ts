import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read models of the error lifecycle. Every query of the Errors list is scoped to one
 * account and walks (occurred_at, error_id) newest first, so the B-tree indexes lead with the
 * account, then the filter column people combine most (status: the open view is the default;
 * assignee: "my errors"), then the keyset order, and a page is read straight off the index.
 * Tags are an array filtered with && (any of) and @> (all of): a GIN index answers both.
 * The message search is a substring search ("billing addr"), which a trigram GIN index serves
 * (a full-text index would miss partial words). Integration/flow/step use the existing
 * (account, integration, flow, step) index; HTTP status and source are weak filters on their
 * own and are applied while walking one of the indexes above.
 * Ingest looks up the open error of a step with a trace key (auto-resolve, occurred again):
 * a partial index over open errors only keeps that lookup small.
 */
export class ErrorsLifecycle1732300000500 implements MigrationInterface {
  name = 'ErrorsLifecycle1732300000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await queryRunner.query(`
      ALTER TABLE errors_list
        ADD COLUMN occurrences integer NOT NULL DEFAULT 1,
        ADD COLUMN last_occurred_at timestamptz,
        ADD COLUMN resolved_at timestamptz,
        ADD COLUMN resolution text,
        ADD COLUMN resolved_by text,
        ADD COLUMN superseded_by uuid,
        ADD COLUMN tag_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN assignee_id text`);
    await queryRunner.query('UPDATE errors_list SET last_occurred_at = occurred_at');
    await queryRunner.query('ALTER TABLE errors_list ALTER COLUMN last_occurred_at SET NOT NULL');
    await queryRunner.query('CREATE INDEX errors_list_status ON errors_list (account_id, status, occurred_at DESC, error_id DESC)');
    await queryRunner.query('CREATE INDEX errors_list_assignee ON errors_list (account_id, assignee_id, occurred_at DESC, error_id DESC)');
    await queryRunner.query('CREATE INDEX errors_list_tags ON errors_list USING gin (tag_ids)');
    await queryRunner.query('CREATE INDEX errors_list_message ON errors_list USING gin (message gin_trgm_ops)');
    await queryRunner.query(
      "CREATE INDEX errors_list_open_trace_key ON errors_list (account_id, flow_step_id, trace_key) WHERE status = 'open' AND trace_key IS NOT NULL",
    );
    await queryRunner.query('CREATE INDEX errors_list_retry_data_key ON errors_list (account_id, flow_step_id, retry_data_key) WHERE retry_data_key IS NOT NULL');
    await queryRunner.query('CREATE INDEX errors_list_recorded ON errors_list (account_id, recorded_at)');

    // Retry data can be large; it lives apart so list queries never read it.
    await queryRunner.query(`
      CREATE TABLE error_retry_data (
        error_id uuid PRIMARY KEY,
        account_id text NOT NULL,
        retry_data jsonb NOT NULL
      )`);

    // Assignments as assignment.events.v1 told them; the version keeps a late redelivery from winning.
    await queryRunner.query(`
      CREATE TABLE error_assignees (
        error_id uuid PRIMARY KEY,
        account_id text NOT NULL,
        assignee_id text,
        version integer NOT NULL
      )`);

    await queryRunner.query(`
      CREATE TABLE flows (
        account_id text NOT NULL,
        flow_id text NOT NULL,
        integration_id text NOT NULL,
        disabled boolean NOT NULL DEFAULT false,
        disabled_at timestamptz,
        disabled_by_error_id uuid,
        disable_error_description text,
        auto_resolve_matching_trace_key boolean NOT NULL DEFAULT false,
        PRIMARY KEY (account_id, flow_id)
      )`);

    // One row per failure a flow reported, paged newest first by the event's position.
    await queryRunner.query(`
      CREATE TABLE flow_activity (
        position bigint PRIMARY KEY,
        account_id text NOT NULL,
        integration_id text NOT NULL,
        flow_id text NOT NULL,
        flow_step_id text NOT NULL,
        run_id text NOT NULL,
        kind text NOT NULL,
        error_id uuid,
        occurred_at timestamptz NOT NULL,
        http_status integer,
        http_status_name text,
        severity text NOT NULL,
        description text NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX flow_activity_flow ON flow_activity (account_id, flow_id, position DESC)');
    await queryRunner.query('CREATE INDEX flow_activity_error ON flow_activity (error_id) WHERE error_id IS NOT NULL');

    await queryRunner.query(`
      CREATE TABLE pending_retries (
        retry_id uuid PRIMARY KEY,
        account_id text NOT NULL,
        integration_id text NOT NULL,
        flow_id text NOT NULL,
        flow_step_id text NOT NULL,
        run_id text NOT NULL,
        kind text NOT NULL,
        error_id uuid,
        attempt integer,
        not_before timestamptz NOT NULL,
        scheduled_by text NOT NULL,
        status text NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX pending_retries_step ON pending_retries (account_id, flow_step_id, not_before) WHERE status = \'scheduled\'');

    await queryRunner.query(`
      CREATE TABLE tags (
        tag_id uuid PRIMARY KEY,
        account_id text NOT NULL,
        name text NOT NULL,
        colour text NOT NULL
      )`);
    await queryRunner.query('CREATE INDEX tags_account ON tags (account_id, lower(name))');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['tags', 'pending_retries', 'flow_activity', 'flows', 'error_assignees', 'error_retry_data']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    for (const index of ['errors_list_recorded', 'errors_list_retry_data_key', 'errors_list_open_trace_key', 'errors_list_message', 'errors_list_tags', 'errors_list_assignee', 'errors_list_status']) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    await queryRunner.query(`
      ALTER TABLE errors_list DROP COLUMN assignee_id, DROP COLUMN tag_ids, DROP COLUMN superseded_by, DROP COLUMN resolved_by,
        DROP COLUMN resolution, DROP COLUMN resolved_at, DROP COLUMN last_occurred_at, DROP COLUMN occurrences`);
  }
}
