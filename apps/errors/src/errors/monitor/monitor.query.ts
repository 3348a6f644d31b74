import type { ErrorsTimeline, MonitorView } from '@faultline/contracts';
import { errorsFilterConditions, ReaderScope } from '@faultline/errors-filter';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { bucketFor, timelinePoints } from './timeline-buckets';

/** GROUPING(integration, flow, step) of each level: a bit is set for each column rolled up. */
const LEVEL = { total: 7, integration: 3, flow: 1, step: 0 } as const;

interface GroupRow {
  integration_id: string;
  flow_id: string;
  flow_step_id: string;
  level: number;
  name: string | null;
  open: number;
  assigned: number;
}

/** The dashboard's counts: open errors per integration, flow and step, assigned or not, and per tag. */
@Injectable()
export class MonitorQueries {
  constructor(private readonly dataSource: DataSource) {}

  async counts(scope: ReaderScope, integrationId: string | undefined): Promise<MonitorView> {
    const sql = errorsFilterConditions(scope, { integrationId, status: 'open' });
    // One pass over the open errors gives every level: GROUPING() tells which level a row is.
    const groups: GroupRow[] = await this.dataSource.query(
      `SELECT integration_id, flow_id, flow_step_id, GROUPING(integration_id, flow_id, flow_step_id) AS level,
              CASE GROUPING(integration_id, flow_id, flow_step_id)
                WHEN ${LEVEL.integration} THEN max(integration_name) WHEN ${LEVEL.flow} THEN max(flow_name) WHEN ${LEVEL.step} THEN max(flow_step_name)
              END AS name,
              count(*)::int AS open, count(assignee_id)::int AS assigned
         FROM errors_list WHERE ${sql.where}
        GROUP BY GROUPING SETS ((), (integration_id), (integration_id, flow_id), (integration_id, flow_id, flow_step_id))`,
      sql.params,
    );
    const disabled: Array<{ flow_id: string }> = await this.dataSource.query('SELECT flow_id FROM flows WHERE account_id = $1 AND disabled', [scope.accountId]);
    const tags = await this.dataSource.query(
      `SELECT t.tag_id AS "tagId", t.name, count(*)::int AS open
         FROM (SELECT unnest(tag_ids) AS tag_id FROM errors_list WHERE ${sql.where}) e
         JOIN tags t ON t.tag_id = e.tag_id
        GROUP BY 1, 2 ORDER BY open DESC, 2`,
      sql.params,
    );
    const level = (bits: number) => groups.filter((row) => row.level === bits).sort((a, b) => b.open - a.open);
    const counts = (row: GroupRow | undefined) => ({ open: row?.open ?? 0, assigned: row?.assigned ?? 0, unassigned: (row?.open ?? 0) - (row?.assigned ?? 0) });
    const disabledFlows = new Set(disabled.map((row) => row.flow_id));
    const totals = counts(level(LEVEL.total)[0]);
    const integrations = level(LEVEL.integration).map((row) => ({ integrationId: row.integration_id, name: row.name, ...counts(row) }));
    const flows = level(LEVEL.flow).map((row) => ({ integrationId: row.integration_id, flowId: row.flow_id, name: row.name, disabled: disabledFlows.has(row.flow_id), ...counts(row) }));
    const steps = level(LEVEL.step).map((row) => ({ integrationId: row.integration_id, flowId: row.flow_id, flowStepId: row.flow_step_id, name: row.name, ...counts(row) }));
    return { totals, integrations, flows, steps, tags };
  }

  /** New errors per bucket over the last `hours` (by when they first occurred), within the reader's integrations. */
  async timeline(scope: ReaderScope, integrationId: string | undefined, hours: number, now: Date): Promise<ErrorsTimeline> {
    const from = new Date(now.getTime() - hours * 3_600_000);
    const sql = errorsFilterConditions(scope, { integrationId, from: from.toISOString() });
    const rows: Array<{ at: Date; errors: number }> = await this.dataSource.query(
      `SELECT date_trunc('${bucketFor(hours)}', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS at, count(*)::int AS errors
         FROM errors_list WHERE ${sql.where} GROUP BY 1`,
      sql.params,
    );
    return timelinePoints(now, hours, new Map(rows.map((row) => [new Date(row.at).getTime(), row.errors])));
  }
}
