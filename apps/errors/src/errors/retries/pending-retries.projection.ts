import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Projection, StoredServiceEvent } from '../stored-events';

/** Retries scheduled for the runtime, automatic and manual, and whether they were cancelled. */
@Injectable()
export class PendingRetriesProjection implements Projection {
  readonly tables = ['pending_retries'];

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    for (const { event, metadata } of events) {
      if (event.type === 'RetryScheduled') {
        const { data } = event;
        await manager.query(
          `INSERT INTO pending_retries (retry_id, account_id, integration_id, flow_id, flow_step_id, run_id, kind, error_id,
                                        attempt, not_before, scheduled_by, status)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'scheduled') ON CONFLICT (retry_id) DO NOTHING`,
          [data.retryId, metadata.accountId, data.integrationId, data.flowId, data.flowStepId, data.runId, data.kind,
            data.errorId ?? null, data.failure?.attempt ?? null, data.notBefore, `${data.scheduledBy.type}:${data.scheduledBy.id}`],
        );
      } else if (event.type === 'RetryCancelled') {
        await manager.query("UPDATE pending_retries SET status = 'cancelled' WHERE retry_id = $1", [event.data.retryId]);
      }
    }
  }
}
