import type { ErrorRecordedV1, ErrorReopenedV1, ErrorResolvedV1 } from '@faultline/contracts';
import type { EntityManager } from 'typeorm';
import type { ErrorPlace } from '../emails/error-listing';

/** An error's status as the last event of a batch left it. */
export interface StatusChange {
  errorId: string;
  status: 'open' | 'resolved';
  resolution: ErrorResolvedV1['data']['reason'] | null;
  version: number;
}

/** Folds a batch's resolutions and reopenings into each error's newest status. */
export function statusChanges(events: Array<ErrorResolvedV1 | ErrorReopenedV1>): StatusChange[] {
  const newest = new Map<string, StatusChange>();
  for (const event of events) {
    if ((newest.get(event.data.errorId)?.version ?? 0) >= event.aggregateVersion) continue;
    newest.set(event.data.errorId, {
      errorId: event.data.errorId,
      status: event.type === 'ErrorResolved' ? 'resolved' : 'open',
      resolution: event.type === 'ErrorResolved' ? event.data.reason : null,
      version: event.aggregateVersion,
    });
  }
  return [...newest.values()];
}

export interface ErrorDetails extends ErrorPlace {
  errorId: string;
  accountId: string;
  message: string;
  occurredAt: Date;
}

/**
 * The notifications app's copy of the errors: what emails say about each, its status and
 * whether an email has mentioned it. Every statement is idempotent: a redelivered event, or an
 * older one arriving late, changes nothing.
 */
export const ErrorsCopy = {
  async record(manager: EntityManager, recorded: ErrorRecordedV1[]): Promise<void> {
    if (recorded.length === 0) return;
    await manager.query(
      `INSERT INTO notify_errors (error_id, account_id, integration_id, flow_id, flow_step_id, message, occurred_at, integration_name, flow_name, flow_step_name)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[], $10::text[])
       ON CONFLICT (error_id) DO NOTHING`,
      [
        recorded.map((event) => event.data.errorId),
        recorded.map((event) => event.accountId),
        recorded.map((event) => event.data.integrationId),
        recorded.map((event) => event.data.flowId),
        recorded.map((event) => event.data.flowStepId),
        recorded.map((event) => event.data.message),
        recorded.map((event) => event.data.occurredAt),
        recorded.map((event) => event.data.integrationName ?? null),
        recorded.map((event) => event.data.flowName ?? null),
        recorded.map((event) => event.data.flowStepName ?? null),
      ],
    );
  },

  async changeStatus(manager: EntityManager, changes: StatusChange[]): Promise<void> {
    if (changes.length === 0) return;
    await manager.query(
      `UPDATE notify_errors e SET status = c.status, resolution = c.resolution, version = c.version
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) AS c(error_id, status, resolution, version)
        WHERE e.error_id = c.error_id AND e.version < c.version`,
      [changes.map((change) => change.errorId), changes.map((change) => change.status), changes.map((change) => change.resolution), changes.map((change) => change.version)],
    );
  },

  /** A purged error leaves every table of this app. */
  async forget(manager: EntityManager, errorIds: string[]): Promise<void> {
    if (errorIds.length === 0) return;
    for (const table of ['summary_entries', 'digest_entries', 'invitation_named_errors', 'current_assignees', 'notify_errors']) {
      await manager.query(`DELETE FROM ${table} WHERE error_id = ANY($1::uuid[])`, [errorIds]);
    }
  },

  /** Which of these errors an email has named. */
  async mentioned(manager: EntityManager, errorIds: string[]): Promise<Set<string>> {
    if (errorIds.length === 0) return new Set();
    const rows: Array<{ error_id: string }> = await manager.query('SELECT error_id FROM notify_errors WHERE error_id = ANY($1::uuid[]) AND mentioned', [errorIds]);
    return new Set(rows.map((row) => row.error_id));
  },

  /** What emails say about each of these errors, by id; errors not received yet are absent. */
  async details(manager: EntityManager, errorIds: string[]): Promise<Map<string, ErrorDetails>> {
    if (errorIds.length === 0) return new Map();
    const rows: ErrorDetails[] = await manager.query(
      `SELECT error_id AS "errorId", account_id AS "accountId", integration_id AS "integrationId", flow_id AS "flowId",
              flow_step_id AS "flowStepId", integration_name AS "integrationName", flow_name AS "flowName", flow_step_name AS "flowStepName",
              message, occurred_at AS "occurredAt"
         FROM notify_errors WHERE error_id = ANY($1::uuid[])`,
      [errorIds],
    );
    return new Map(rows.map((row) => [row.errorId, row]));
  },

  /** An email went out naming these errors: from now on their resolution is news, however it came. */
  async markMentioned(manager: EntityManager, errorIds: string[]): Promise<void> {
    if (errorIds.length === 0) return;
    await manager.query('UPDATE notify_errors SET mentioned = true WHERE error_id = ANY($1::uuid[]) AND NOT mentioned', [errorIds]);
  },
};
