import { chunk, columnParams, insertRows, rowsFrom, StoredEvent, TypedColumn } from '@faultline/eventing';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ErrorEvent, ErrorRecorded } from '../error.events';
import { forgetErrorRows, ofType, Projection, StoredServiceEvent } from '../stored-events';

const COLUMNS: TypedColumn[] = [
  ['error_id', 'uuid'], ['account_id', 'text'], ['integration_id', 'text'], ['flow_id', 'text'], ['flow_step_id', 'text'],
  ['step_type', 'text'], ['run_id', 'text'], ['message', 'text'], ['code', 'text'], ['source', 'text'], ['http_status', 'int'],
  ['retry_data_key', 'text'], ['trace_key', 'text'], ['status', 'text'], ['occurred_at', 'timestamptz'], ['recorded_at', 'timestamptz'],
  ['version', 'int'], ['error_class', 'text'], ['severity', 'text'], ['http_status_name', 'text'], ['last_occurred_at', 'timestamptz'],
  ['integration_name', 'text'], ['flow_name', 'text'], ['flow_step_name', 'text'],
];

const actorName = (actor: { type: string; id: string }): string => `${actor.type}:${actor.id}`;

type UpdatingEvent = Exclude<ErrorEvent, { type: 'ErrorRecorded' | 'SeverityNotificationRequested' | 'RetryDataEdited' | 'ErrorRetryRequested' }>;

/**
 * How each later event changes its error's row, for many rows at once: the SET clause reads
 * the event's values from `u`, an unnest of the columns named here.
 */
interface RowUpdate<E extends UpdatingEvent> {
  set: string;
  columns: TypedColumn[];
  values(data: E['data']): unknown[];
}

const UPDATES: { [T in UpdatingEvent['type']]: RowUpdate<Extract<UpdatingEvent, { type: T }>> } = {
  ErrorOccurredAgain: {
    set: 'occurrences = u.occurrences, last_occurred_at = u.occurred_at',
    columns: [['occurrences', 'int'], ['occurred_at', 'timestamptz']],
    values: (data) => [data.occurrences, data.occurredAt],
  },
  ErrorResolved: {
    set: "status = 'resolved', resolved_at = u.resolved_at, resolution = u.resolution, resolved_by = u.resolved_by, superseded_by = u.superseded_by",
    columns: [['resolved_at', 'timestamptz'], ['resolution', 'text'], ['resolved_by', 'text'], ['superseded_by', 'uuid']],
    values: (data) => [data.resolvedAt, data.reason, actorName(data.resolvedBy), data.supersededBy ?? null],
  },
  ErrorReopened: {
    set: "status = 'open', resolved_at = NULL, resolution = NULL, resolved_by = NULL, superseded_by = NULL",
    columns: [],
    values: () => [],
  },
  ErrorTagged: {
    set: 'tag_ids = array_append(array_remove(l.tag_ids, u.tag_id), u.tag_id)',
    columns: [['tag_id', 'uuid']],
    values: (data) => [data.tagId],
  },
  ErrorUntagged: { set: 'tag_ids = array_remove(l.tag_ids, u.tag_id)', columns: [['tag_id', 'uuid']], values: (data) => [data.tagId] },
};

const isUpdating = (stored: StoredServiceEvent): stored is StoredEvent<UpdatingEvent> => stored.event.type in UPDATES;

/**
 * The Errors list: one row per error, updated in the same transaction as the events it
 * reflects, so the list never disagrees with the event store. New errors are inserted many
 * rows per statement; later changes too — one statement per event type for the first change
 * of each error, then for the second, and so on, so each error's changes keep their order
 * (a bulk resolve of a thousand errors is one statement, not a thousand).
 */
@Injectable()
export class ErrorsListProjection implements Projection {
  readonly tables = ['errors_list'];
  readonly forget = forgetErrorRows(this.tables);

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    await this.insertRecorded(manager, ofType(events, 'ErrorRecorded'));
    for (const layer of changeLayers(events.filter(isUpdating))) {
      for (const [type, changes] of layer) await this.update(manager, UPDATES[type] as RowUpdate<UpdatingEvent>, changes);
    }
  }

  private async update(manager: EntityManager, spec: RowUpdate<UpdatingEvent>, changes: StoredEvent<UpdatingEvent>[]): Promise<void> {
    const columns: TypedColumn[] = [['error_id', 'uuid'], ['version', 'int'], ...spec.columns];
    for (const part of chunk(changes, 1_000)) {
      const rows = part.map(({ event, streamVersion }) => [event.data.errorId, streamVersion, ...spec.values(event.data)]);
      await manager.query(
        `UPDATE errors_list l SET ${spec.set}, version = u.version
           FROM ${rowsFrom(columns)} AS u(${columns.map(([name]) => name).join(', ')})
          WHERE l.error_id = u.error_id AND l.version < u.version`,
        columnParams(columns, rows),
      );
    }
  }

  private async insertRecorded(manager: EntityManager, recorded: Array<{ event: ErrorRecorded; streamVersion: number }>): Promise<void> {
    for (const part of chunk(recorded, 1_000)) {
      const rows = part.map(({ event: { data }, streamVersion }) => [
        data.errorId, data.accountId, data.integrationId, data.flowId, data.flowStepId, data.stepType, data.runId,
        data.message, data.code ?? null, data.source ?? null, data.httpStatus ?? null, data.retryDataKey ?? null,
        data.traceKey ?? null, 'open', data.occurredAt, data.recordedAt, streamVersion,
        data.errorClass, data.severity, data.httpStatusName ?? null, data.occurredAt,
        data.integrationName ?? null, data.flowName ?? null, data.flowStepName ?? null,
      ]);
      await manager.query(
        `${insertRows('errors_list', COLUMNS)} ON CONFLICT (error_id) DO NOTHING`,
        columnParams(COLUMNS, rows),
      );
    }
  }
}

/** Layer k holds each error's k-th change, grouped by type: errors' changes commute, one error's do not. */
function changeLayers(changes: StoredEvent<UpdatingEvent>[]): Array<Map<UpdatingEvent['type'], StoredEvent<UpdatingEvent>[]>> {
  const layers: Array<Map<UpdatingEvent['type'], StoredEvent<UpdatingEvent>[]>> = [];
  const seen = new Map<string, number>();
  for (const change of changes) {
    const depth = seen.get(change.event.data.errorId) ?? 0;
    seen.set(change.event.data.errorId, depth + 1);
    const layer = (layers[depth] ??= new Map());
    const group = layer.get(change.event.type);
    if (group) group.push(change);
    else layer.set(change.event.type, [change]);
  }
  return layers;
}
