import type { ActivityPage, FlowParams, PageQuery } from '@faultline/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface ActivityRow {
  position: string;
  kind: ActivityPage['items'][number]['kind'];
  occurred_at: Date;
  flow_step_id: string;
  run_id: string;
  error_id: string | null;
  http_status: number | null;
  http_status_name: string | null;
  severity: string;
  description: string;
}

/** A flow's activity log, newest first; the cursor is the last entry's position. */
@Injectable()
export class ActivityLogQueries {
  constructor(private readonly dataSource: DataSource) {}

  async page(accountId: string, flow: FlowParams, page: PageQuery): Promise<ActivityPage> {
    const rows: ActivityRow[] = await this.dataSource.query(
      `SELECT * FROM flow_activity
        WHERE account_id = $1 AND flow_id = $2 AND integration_id = $3 AND ($4::bigint IS NULL OR position < $4::bigint)
        ORDER BY position DESC LIMIT $5`,
      [accountId, flow.flowId, flow.integrationId, page.cursor ?? null, page.limit + 1],
    );
    const items = rows.slice(0, page.limit);
    return {
      items: items.map((row) => ({
        kind: row.kind,
        at: row.occurred_at.toISOString(),
        flowStepId: row.flow_step_id,
        runId: row.run_id,
        errorId: row.error_id,
        httpStatus: row.http_status,
        httpStatusName: row.http_status_name,
        severity: row.severity,
        description: row.description,
      })),
      nextCursor: rows.length > page.limit ? String(items[items.length - 1]?.position) : null,
    };
  }
}
