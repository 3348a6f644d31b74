import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Projection, StoredServiceEvent } from '../stored-events';

/**
 * The activity log of each flow: every failure reported (recorded, occurred again, or retried
 * automatically), with the step, the HTTP status's name, the severity and the runtime's
 * description (or the message). Keyed by event position, so replays write nothing twice.
 */
@Injectable()
export class ActivityLogProjection implements Projection {
  readonly tables = ['flow_activity'];

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    for (const { event, globalPosition, metadata } of events) {
      switch (event.type) {
        case 'ErrorRecorded': {
          const { data } = event;
          await this.insert(manager, [
            globalPosition, data.accountId, data.integrationId, data.flowId, data.flowStepId, data.runId, 'recorded', data.errorId,
            data.occurredAt, data.httpStatus ?? null, data.httpStatusName ?? null, data.severity, data.runtimeErrorDescription ?? data.message,
          ]);
          break;
        }
        case 'ErrorOccurredAgain': {
          const { data } = event;
          await manager.query(
            `INSERT INTO flow_activity (position, account_id, integration_id, flow_id, flow_step_id, run_id, kind, error_id,
                                        occurred_at, http_status, http_status_name, severity, description)
             SELECT $1, account_id, integration_id, flow_id, flow_step_id, $2, 'occurred_again', error_id, $3, $4, $5, $6, $7
               FROM errors_list WHERE error_id = $8
             ON CONFLICT (position) DO NOTHING`,
            [globalPosition, data.runId, data.occurredAt, data.httpStatus ?? null, data.httpStatusName ?? null, data.severity,
              data.runtimeErrorDescription ?? data.message, data.errorId],
          );
          break;
        }
        case 'RetryScheduled': {
          const { data } = event;
          if (!data.failure) break;
          await this.insert(manager, [
            globalPosition, metadata.accountId, data.integrationId, data.flowId, data.flowStepId, data.runId, 'retry_scheduled', null,
            data.failure.occurredAt, data.failure.httpStatus ?? null, null, 'none', data.failure.message,
          ]);
          break;
        }
        default:
          break;
      }
    }
  }

  private async insert(manager: EntityManager, row: unknown[]): Promise<void> {
    await manager.query(
      `INSERT INTO flow_activity (position, account_id, integration_id, flow_id, flow_step_id, run_id, kind, error_id,
                                  occurred_at, http_status, http_status_name, severity, description)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (position) DO NOTHING`,
      row,
    );
  }
}
