import type { FlowParams, PendingRetries } from '@faultline/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface PendingRetryRow {
  retry_id: string;
  kind: 'automatic' | 'manual';
  flow_step_id: string;
  run_id: string;
  error_id: string | null;
  attempt: number | null;
  not_before: Date;
  scheduled_by: string;
}

/** Retries not cancelled whose not-before time is still ahead: the runtime has not run them yet. */
@Injectable()
export class PendingRetriesQueries {
  constructor(private readonly dataSource: DataSource) {}

  async pending(accountId: string, where: FlowParams & { flowStepId?: string }, now: Date): Promise<PendingRetries> {
    const rows: PendingRetryRow[] = await this.dataSource.query(
      `SELECT retry_id, kind, flow_step_id, run_id, error_id, attempt, not_before, scheduled_by FROM pending_retries
        WHERE account_id = $1 AND integration_id = $2 AND flow_id = $3 AND ($4::text IS NULL OR flow_step_id = $4)
          AND status = 'scheduled' AND not_before > $5
        ORDER BY not_before, retry_id LIMIT 1000`,
      [accountId, where.integrationId, where.flowId, where.flowStepId ?? null, now],
    );
    return {
      items: rows.map((row) => ({
        retryId: row.retry_id,
        kind: row.kind,
        flowStepId: row.flow_step_id,
        runId: row.run_id,
        errorId: row.error_id,
        attempt: row.attempt,
        notBefore: row.not_before.toISOString(),
        scheduledBy: row.scheduled_by,
      })),
    };
  }

  async integrationOf(accountId: string, retryId: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query('SELECT integration_id FROM pending_retries WHERE account_id = $1 AND retry_id = $2', [accountId, retryId]);
    return (row as { integration_id: string } | undefined)?.integration_id;
  }
}
