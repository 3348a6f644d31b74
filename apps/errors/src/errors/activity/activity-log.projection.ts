import { chunk, columnParams, insertRows, StoredEvent, TypedColumn } from '@faultline/eventing';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ErrorOccurredAgain } from '../error.events';
import { forgetErrorRows, ofType, Projection, StoredServiceEvent } from '../stored-events';

const COLUMNS: TypedColumn[] = [
  ['position', 'bigint'], ['account_id', 'text'], ['integration_id', 'text'], ['flow_id', 'text'], ['flow_step_id', 'text'], ['run_id', 'text'],
  ['kind', 'text'], ['error_id', 'uuid'], ['occurred_at', 'timestamptz'], ['http_status', 'int'], ['http_status_name', 'text'], ['severity', 'text'],
  ['description', 'text'],
];

/**
 * The activity log of each flow: every failure reported (recorded, occurred again, or retried
 * automatically), with the step, the HTTP status's name, the severity and the runtime's
 * description (or the message). Keyed by event position, so replays write nothing twice.
 */
@Injectable()
export class ActivityLogProjection implements Projection {
  readonly tables = ['flow_activity'];
  readonly forget = forgetErrorRows(this.tables);

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    const rows: unknown[][] = [];
    for (const { event, globalPosition, metadata } of events) {
      if (event.type === 'ErrorRecorded') {
        const { data } = event;
        rows.push([
          globalPosition, data.accountId, data.integrationId, data.flowId, data.flowStepId, data.runId, 'recorded', data.errorId,
          data.occurredAt, data.httpStatus ?? null, data.httpStatusName ?? null, data.severity, data.runtimeErrorDescription ?? data.message,
        ]);
      } else if (event.type === 'RetryScheduled' && event.data.failure) {
        const { data } = event;
        const { failure } = event.data;
        rows.push([
          globalPosition, metadata.accountId, data.integrationId, data.flowId, data.flowStepId, data.runId, 'retry_scheduled', null,
          failure.occurredAt, failure.httpStatus ?? null, null, 'none', failure.message,
        ]);
      }
    }
    const legacy: Array<StoredEvent<ErrorOccurredAgain>> = [];
    for (const stored of ofType(events, 'ErrorOccurredAgain')) {
      const { event: { data }, globalPosition, metadata } = stored;
      if (data.integrationId === undefined || data.flowId === undefined || data.flowStepId === undefined) {
        legacy.push(stored);
        continue;
      }
      rows.push([
        globalPosition, metadata.accountId, data.integrationId, data.flowId, data.flowStepId, data.runId, 'occurred_again', data.errorId,
        data.occurredAt, data.httpStatus ?? null, data.httpStatusName ?? null, data.severity, data.runtimeErrorDescription ?? data.message,
      ]);
    }
    for (const part of chunk(rows, 500)) await this.insert(manager, part);
    for (const { event, globalPosition } of legacy) {
      const { data } = event;
      // Stored before occurrences named their step: the step is the one this log recorded the error at.
      await manager.query(
        `INSERT INTO flow_activity (${COLUMNS.map(([name]) => name).join(', ')})
         SELECT $1, account_id, integration_id, flow_id, flow_step_id, $2, 'occurred_again', error_id, $3, $4, $5, $6, $7
           FROM flow_activity WHERE error_id = $8 AND kind = 'recorded'
         ON CONFLICT (position) DO NOTHING`,
        [globalPosition, data.runId, data.occurredAt, data.httpStatus ?? null, data.httpStatusName ?? null, data.severity,
          data.runtimeErrorDescription ?? data.message, data.errorId],
      );
    }
  }

  private async insert(manager: EntityManager, rows: unknown[][]): Promise<void> {
    await manager.query(`${insertRows('flow_activity', COLUMNS)} ON CONFLICT (position) DO NOTHING`, columnParams(COLUMNS, rows));
  }
}
