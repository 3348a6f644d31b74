import { chunk, valuesClause } from '@faultline/eventing';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { forgetErrorRows, ofType, Projection, StoredServiceEvent } from '../stored-events';

const COLUMNS = 'retry_id, account_id, integration_id, flow_id, flow_step_id, run_id, kind, error_id, attempt, not_before, scheduled_by, status';

/** Retries scheduled for the runtime, automatic and manual, and whether they were cancelled. */
@Injectable()
export class PendingRetriesProjection implements Projection {
  readonly tables = ['pending_retries'];
  readonly forget = forgetErrorRows(this.tables);

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    const scheduled = ofType(events, 'RetryScheduled').map(({ event: { data }, metadata }) => [
      data.retryId, metadata.accountId, data.integrationId, data.flowId, data.flowStepId, data.runId, data.kind,
      data.errorId ?? null, data.failure?.attempt ?? null, data.notBefore, `${data.scheduledBy.type}:${data.scheduledBy.id}`, 'scheduled',
    ]);
    for (const part of chunk(scheduled, 500)) {
      await manager.query(
        `INSERT INTO pending_retries (${COLUMNS}) VALUES ${valuesClause(part.length, 12)} ON CONFLICT (retry_id) DO NOTHING`,
        part.flat(),
      );
    }
    const cancelled = ofType(events, 'RetryCancelled').map(({ event }) => event.data.retryId);
    if (cancelled.length > 0) {
      await manager.query("UPDATE pending_retries SET status = 'cancelled' WHERE retry_id = ANY($1::uuid[])", [cancelled]);
    }
  }
}
