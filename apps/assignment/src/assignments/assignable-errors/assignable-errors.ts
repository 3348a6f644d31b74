import type { EntityManager } from 'typeorm';
import { RetryDataKeyed, sameRecordKey } from '../retry-data-key.rule';

/** One error as the assignment app knows it. */
export interface AssignableError {
  errorId: string;
  accountId: string;
  integrationId: string;
  flowId: string;
  flowStepId: string;
  status: 'open' | 'resolved';
  retryDataKey: string | null;
  assigneeUserId: string | null;
  assignmentId: string | null;
  assignedAt: string | null;
}

interface Row {
  error_id: string;
  account_id: string;
  integration_id: string;
  flow_id: string;
  flow_step_id: string;
  status: 'open' | 'resolved';
  retry_data_key: string | null;
  assignee_id: string | null;
  assignment_id: string | null;
  assigned_at: Date | null;
}

const COLUMNS = 'error_id, account_id, integration_id, flow_id, flow_step_id, status, retry_data_key, assignee_id, assignment_id, assigned_at';

const toError = (row: Row): AssignableError => ({
  errorId: row.error_id,
  accountId: row.account_id,
  integrationId: row.integration_id,
  flowId: row.flow_id,
  flowStepId: row.flow_step_id,
  status: row.status,
  retryDataKey: row.retry_data_key,
  assigneeUserId: row.assignee_id,
  assignmentId: row.assignment_id,
  assignedAt: row.assigned_at?.toISOString() ?? null,
});

/**
 * The open errors of the same records: `$1` the account, then the keys' integrations, flows,
 * steps and retry data keys. One probe per distinct key of the index led by the key, whatever the
 * statistics say. As a join, or with the account inside the probe, a table that grew since it was
 * analyzed was read through another index: every open error of the account, or of its flow, per
 * batch. The account is checked after the probe, so no other index can serve it.
 */
export const OPEN_OF_SAME_RECORDS = `
  SELECT e.* FROM (SELECT DISTINCT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])) AS k(integration_id, flow_id, flow_step_id, retry_data_key)
    CROSS JOIN LATERAL (
      SELECT ${COLUMNS} FROM assignable_errors
       WHERE retry_data_key = k.retry_data_key AND flow_step_id = k.flow_step_id AND flow_id = k.flow_id AND integration_id = k.integration_id
         AND status = 'open' AND retry_data_key IS NOT NULL OFFSET 0) AS e
   WHERE e.account_id = $1`;

/** The queries the assignment rules run on the local copy of the errors. */
export const AssignableErrorsQueries = {
  async byIds(manager: EntityManager, accountId: string, errorIds: string[]): Promise<AssignableError[]> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM assignable_errors WHERE account_id = $1 AND error_id = ANY($2::uuid[])`, [
      accountId,
      errorIds,
    ]);
    return rows.map(toError);
  },

  /** Every error of the account now assigned to one of these users. */
  async assignedTo(manager: EntityManager, accountId: string, userIds: string[]): Promise<AssignableError[]> {
    const rows: Row[] = await manager.query(`SELECT ${COLUMNS} FROM assignable_errors WHERE account_id = $1 AND assignee_id = ANY($2::text[])`, [accountId, userIds]);
    return rows.map(toError);
  },

  /** Open errors of the account that concern the same records as the given ones (`sameRecordKey`); the caller matches them by it. */
  async openOfSameRecords(manager: EntityManager, accountId: string, keyed: RetryDataKeyed[]): Promise<AssignableError[]> {
    const keys = keyed.filter((error) => sameRecordKey(error) !== undefined);
    if (keys.length === 0) return [];
    const rows: Row[] = await manager.query(OPEN_OF_SAME_RECORDS, [
      accountId,
      keys.map((key) => key.integrationId),
      keys.map((key) => key.flowId),
      keys.map((key) => key.flowStepId),
      keys.map((key) => key.retryDataKey),
    ]);
    return rows.map(toError);
  },

  /** The older errors the given new ones superseded (same trace key, auto-resolve on), by the new error's id. */
  async supersededBy(manager: EntityManager, newerErrorIds: string[]): Promise<Map<string, AssignableError>> {
    const rows: Array<Row & { superseded_by: string }> = await manager.query(
      `SELECT ${COLUMNS}, superseded_by FROM assignable_errors WHERE superseded_by = ANY($1::uuid[])`,
      [newerErrorIds],
    );
    return new Map(rows.map((row) => [row.superseded_by, toError(row)]));
  },
};
