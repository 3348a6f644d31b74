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
    const rows: Row[] = await manager.query(
      `SELECT ${COLUMNS.split(', ').map((column) => `e.${column}`).join(', ')}
         FROM assignable_errors e
         JOIN unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS k(integration_id, flow_id, flow_step_id, retry_data_key)
           ON e.flow_step_id = k.flow_step_id AND e.retry_data_key = k.retry_data_key AND e.integration_id = k.integration_id AND e.flow_id = k.flow_id
        WHERE e.account_id = $1 AND e.status = 'open'`,
      [accountId, keys.map((key) => key.integrationId), keys.map((key) => key.flowId), keys.map((key) => key.flowStepId), keys.map((key) => key.retryDataKey)],
    );
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
