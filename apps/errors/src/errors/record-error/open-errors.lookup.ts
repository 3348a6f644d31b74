import { groupBy } from '@faultline/eventing';
import type { EntityManager } from 'typeorm';

/** Open errors of one step with one trace key, newest last. */
export type OpenErrorsByTraceKey = Map<string, string[]>;

export const traceKeyOf = (accountId: string, flowStepId: string, traceKey: string): string => `${accountId}\u0000${flowStepId}\u0000${traceKey}`;

/** One query for every (account, step, trace key) of a batch, on the partial index of open errors. */
export async function openErrorsByTraceKey(
  manager: EntityManager,
  keys: Array<{ accountId: string; flowStepId: string; traceKey: string }>,
): Promise<OpenErrorsByTraceKey> {
  if (keys.length === 0) return new Map();
  const rows: Array<{ error_id: string; account_id: string; flow_step_id: string; trace_key: string }> = await manager.query(
    `SELECT l.error_id, l.account_id, l.flow_step_id, l.trace_key
       FROM errors_list l
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k(account_id, flow_step_id, trace_key)
         ON l.account_id = k.account_id AND l.flow_step_id = k.flow_step_id AND l.trace_key = k.trace_key
      WHERE l.status = 'open'
      ORDER BY l.occurred_at, l.error_id`,
    [keys.map((key) => key.accountId), keys.map((key) => key.flowStepId), keys.map((key) => key.traceKey)],
  );
  const groups = groupBy(rows, (row) => traceKeyOf(row.account_id, row.flow_step_id, row.trace_key));
  return new Map([...groups].map(([key, group]) => [key, group.map((row) => row.error_id)]));
}
