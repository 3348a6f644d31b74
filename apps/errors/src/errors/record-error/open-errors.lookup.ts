import { groupBy } from '@faultline/eventing';
import type { EntityManager } from 'typeorm';

/** Open errors of one step with one trace key, newest last. */
export type OpenErrorsByTraceKey = Map<string, string[]>;

/**
 * Where a trace key means the same record: one step of one flow of one integration of one
 * account. The same step id or key elsewhere is another record.
 */
export interface TraceKeyScope {
  accountId: string;
  integrationId: string;
  flowId: string;
  flowStepId: string;
  traceKey: string;
}

export const traceKeyOf = (scope: TraceKeyScope): string =>
  [scope.accountId, scope.integrationId, scope.flowId, scope.flowStepId, scope.traceKey].join('\u0000');

/** One query for every scoped trace key of a batch, on the partial index of open errors. */
export async function openErrorsByTraceKey(manager: EntityManager, keys: TraceKeyScope[]): Promise<OpenErrorsByTraceKey> {
  if (keys.length === 0) return new Map();
  const rows: Array<{ error_id: string; account_id: string; integration_id: string; flow_id: string; flow_step_id: string; trace_key: string }> = await manager.query(
    // One index probe per key (LATERAL, kept apart from the outer query by OFFSET 0). As a join,
    // the planner hashed every open error with a trace key once per batch whenever its statistics
    // lagged a growing table: 15,000 rows read for 250 keys, a cost that grew with the table.
    `SELECT l.error_id, l.account_id, l.integration_id, l.flow_id, l.flow_step_id, l.trace_key
       FROM (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]))
              AS k(account_id, integration_id, flow_id, flow_step_id, trace_key)
       CROSS JOIN LATERAL (
         SELECT error_id, account_id, integration_id, flow_id, flow_step_id, trace_key, occurred_at FROM errors_list
          WHERE account_id = k.account_id AND flow_step_id = k.flow_step_id AND trace_key = k.trace_key
            AND integration_id = k.integration_id AND flow_id = k.flow_id
            AND status = 'open' AND trace_key IS NOT NULL OFFSET 0) AS l
      ORDER BY l.occurred_at, l.error_id`,
    [
      keys.map((key) => key.accountId),
      keys.map((key) => key.integrationId),
      keys.map((key) => key.flowId),
      keys.map((key) => key.flowStepId),
      keys.map((key) => key.traceKey),
    ],
  );
  const groups = groupBy(rows, (row) =>
    traceKeyOf({ accountId: row.account_id, integrationId: row.integration_id, flowId: row.flow_id, flowStepId: row.flow_step_id, traceKey: row.trace_key }),
  );
  return new Map([...groups].map(([key, group]) => [key, group.map((row) => row.error_id)]));
}
