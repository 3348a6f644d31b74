import { chunk, columnParams, insertRows, TypedColumn } from '@faultline/eventing';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { forgetErrorRows, ofType, Projection, StoredServiceEvent } from '../stored-events';

const COLUMNS: TypedColumn[] = [
  ['retry_id', 'uuid'], ['account_id', 'text'], ['integration_id', 'text'], ['flow_id', 'text'], ['flow_step_id', 'text'], ['run_id', 'text'],
  ['kind', 'text'], ['error_id', 'uuid'], ['attempt', 'int'], ['not_before', 'timestamptz'], ['scheduled_by', 'text'], ['status', 'text'],
];

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
        `${insertRows('pending_retries', COLUMNS)} ON CONFLICT (retry_id) DO NOTHING`,
        columnParams(COLUMNS, part),
      );
    }
    const cancelled = ofType(events, 'RetryCancelled').map(({ event }) => event.data.retryId);
    if (cancelled.length > 0) {
      await manager.query("UPDATE pending_retries SET status = 'cancelled' WHERE retry_id = ANY($1::uuid[])", [cancelled]);
    }
  }
}
