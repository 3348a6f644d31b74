import { chunk, valuesClause } from '@faultline/eventing';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ErrorEvent, ErrorRecorded } from '../error.events';
import { ofType, Projection, StoredServiceEvent } from '../stored-events';

const COLUMNS = [
  'error_id', 'account_id', 'integration_id', 'flow_id', 'flow_step_id', 'step_type', 'run_id', 'message',
  'code', 'source', 'http_status', 'retry_data_key', 'trace_key', 'status', 'occurred_at', 'recorded_at', 'version',
  'error_class', 'severity', 'http_status_name', 'last_occurred_at',
];

const actorName = (actor: { type: string; id: string }): string => `${actor.type}:${actor.id}`;

/** How each later event changes its error's row: SQL and parameters after (error_id, version). */
const UPDATES: { [T in Exclude<ErrorEvent['type'], 'ErrorRecorded'>]?: (data: Extract<ErrorEvent, { type: T }>['data']) => [string, unknown[]] } = {
  ErrorOccurredAgain: (data) => ['occurrences = $3, last_occurred_at = $4', [data.occurrences, data.occurredAt]],
  ErrorResolved: (data) => [
    "status = 'resolved', resolved_at = $3, resolution = $4, resolved_by = $5, superseded_by = $6",
    [data.resolvedAt, data.reason, actorName(data.resolvedBy), data.supersededBy ?? null],
  ],
  ErrorReopened: () => ["status = 'open', resolved_at = NULL, resolution = NULL, resolved_by = NULL, superseded_by = NULL", []],
  ErrorTagged: (data) => ['tag_ids = array_append(array_remove(tag_ids, $3::uuid), $3::uuid)', [data.tagId]],
  ErrorUntagged: (data) => ['tag_ids = array_remove(tag_ids, $3::uuid)', [data.tagId]],
};

/**
 * The Errors list: one row per error, updated in the same transaction as the events it
 * reflects, so the list never disagrees with the event store. New errors are written many rows
 * per statement (the ingest hot path); later changes row by row, in event order.
 */
@Injectable()
export class ErrorsListProjection implements Projection {
  readonly tables = ['errors_list'];

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    await this.insertRecorded(manager, ofType(events, 'ErrorRecorded'));
    for (const stored of events) {
      const update = UPDATES[stored.event.type as keyof typeof UPDATES] as ((data: unknown) => [string, unknown[]]) | undefined;
      if (!update) continue;
      const [assignments, params] = update(stored.event.data);
      await manager.query(`UPDATE errors_list SET ${assignments}, version = $2 WHERE error_id = $1 AND version < $2`, [
        (stored.event.data as { errorId: string }).errorId,
        stored.streamVersion,
        ...params,
      ]);
    }
  }

  private async insertRecorded(manager: EntityManager, recorded: Array<{ event: ErrorRecorded; streamVersion: number }>): Promise<void> {
    for (const part of chunk(recorded, 500)) {
      await manager.query(
        `INSERT INTO errors_list (${COLUMNS.join(', ')}) VALUES ${valuesClause(part.length, COLUMNS.length)}
         ON CONFLICT (error_id) DO NOTHING`,
        part.flatMap(({ event: { data }, streamVersion }) => [
          data.errorId, data.accountId, data.integrationId, data.flowId, data.flowStepId, data.stepType, data.runId,
          data.message, data.code ?? null, data.source ?? null, data.httpStatus ?? null, data.retryDataKey ?? null,
          data.traceKey ?? null, 'open', data.occurredAt, data.recordedAt, streamVersion,
          data.errorClass, data.severity, data.httpStatusName ?? null, data.occurredAt,
        ]),
      );
    }
  }
}
