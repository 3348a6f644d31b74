import type { ErrorDetails, ErrorListItem } from '@faultline/contracts';
import { PostgresEventStore } from '@faultline/eventing';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ErrorsListQueries, ReaderScope } from '../errors-list/errors-list.query';
import type { ErrorEvent } from '../error.events';
import { errorStreamId } from '../streams';

const RELATED_LIMIT = 50;

/** Everything about one error: its row, its retry data, its relatives and its history from its stream. */
@Injectable()
export class ErrorDetailsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly list: ErrorsListQueries,
    private readonly eventStore: PostgresEventStore,
  ) {}

  async details(scope: ReaderScope, errorId: string): Promise<ErrorDetails | undefined> {
    const error = await this.list.byId(scope, errorId);
    if (!error) return undefined;
    const manager = this.dataSource.manager;
    const [retryData] = await manager.query('SELECT retry_data FROM error_retry_data WHERE error_id = $1', [errorId]);
    const history = await this.eventStore.readStream<ErrorEvent>(manager, errorStreamId(errorId));
    const recorded = history.find(({ event }) => event.type === 'ErrorRecorded')?.event.data as { responseBody?: unknown } | undefined;
    return {
      error,
      retryData: (retryData as { retry_data: unknown } | undefined)?.retry_data ?? null,
      responseBody: recorded?.responseBody ?? null,
      related: {
        sameTraceKey: await this.related(error, 'trace_key', error.traceKey),
        sameRetryDataKey: await this.related(error, 'retry_data_key', error.retryDataKey),
      },
      history: history.map(({ event, metadata, streamVersion }) => ({
        version: streamVersion,
        type: event.type,
        at: metadata.occurredAt,
        actor: metadata.actor,
        details: shownOnce(event.data),
      })),
    };
  }

  /** The same record's other errors: the same key on the same step of the same flow and integration, never beyond. */
  private async related(error: ErrorListItem, column: 'trace_key' | 'retry_data_key', key: string | null): Promise<string[]> {
    if (key === null) return [];
    const rows: Array<{ error_id: string }> = await this.dataSource.query(
      `SELECT error_id FROM errors_list
        WHERE account_id = $1 AND integration_id = $2 AND flow_id = $3 AND flow_step_id = $4 AND ${column} = $5 AND error_id <> $6
        ORDER BY occurred_at DESC LIMIT ${RELATED_LIMIT}`,
      [error.accountId, error.integrationId, error.flowId, error.flowStepId, key, error.errorId],
    );
    return rows.map((row) => row.error_id);
  }
}

function shownOnce(data: object): Record<string, unknown> {
  const { retryData: _current, previousRetryData: _previous, responseBody: _response, ...rest } = data as Record<string, unknown>;
  return rest;
}
