import { chunk, StoredEvent, valuesClause } from '@faultline/eventing';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ErrorEvent, ErrorRecorded } from '../error.events';

const COLUMNS = [
  'error_id', 'account_id', 'integration_id', 'flow_id', 'flow_step_id', 'step_type', 'run_id', 'message',
  'code', 'source', 'http_status', 'retry_data_key', 'trace_key', 'status', 'occurred_at', 'recorded_at', 'version',
  'error_class', 'severity', 'http_status_name',
];

/**
 * The Errors list: one row per error, updated in the same transaction as the events it
 * reflects, so the list never disagrees with the event store.
 */
@Injectable()
export class ErrorsListProjection {
  async apply(manager: EntityManager, events: StoredEvent<ErrorEvent>[]): Promise<void> {
    const recorded = events.filter((stored): stored is StoredEvent<ErrorRecorded> => stored.event.type === 'ErrorRecorded');
    for (const part of chunk(recorded, 500)) {
      await manager.query(
        `INSERT INTO errors_list (${COLUMNS.join(', ')}) VALUES ${valuesClause(part.length, COLUMNS.length)}
         ON CONFLICT (error_id) DO NOTHING`,
        part.flatMap(({ event: { data }, streamVersion }) => [
          data.errorId, data.accountId, data.integrationId, data.flowId, data.flowStepId, data.stepType, data.runId,
          data.message, data.code ?? null, data.source ?? null, data.httpStatus ?? null, data.retryDataKey ?? null,
          data.traceKey ?? null, 'open', data.occurredAt, data.recordedAt, streamVersion,
          data.errorClass, data.severity, data.httpStatusName ?? null,
        ]),
      );
    }
  }
}
