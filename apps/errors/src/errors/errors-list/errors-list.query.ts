import type { ErrorListItem, ErrorsListQuery, ErrorsPage } from '@faultline/contracts';
import { RequestValidationError } from '@faultline/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface ErrorsListRow {
  error_id: string;
  account_id: string;
  integration_id: string;
  flow_id: string;
  flow_step_id: string;
  step_type: ErrorListItem['stepType'];
  run_id: string;
  message: string;
  code: string | null;
  http_status: number | null;
  retry_data_key: string | null;
  trace_key: string | null;
  status: ErrorListItem['status'];
  error_class: ErrorListItem['errorClass'];
  severity: ErrorListItem['severity'];
  http_status_name: string | null;
  occurred_at: Date;
  recorded_at: Date;
}

const FILTERS: Array<[keyof ErrorsListQuery, string]> = [
  ['integrationId', 'integration_id'],
  ['flowId', 'flow_id'],
  ['flowStepId', 'flow_step_id'],
  ['status', 'status'],
  ['errorClass', 'error_class'],
  ['severity', 'severity'],
];

/** Whose errors a reader sees: one account, and there all integrations or the listed ones. */
export interface ReaderScope {
  accountId: string;
  integrationIds: string[] | 'all';
}

/** Reads the Errors list with keyset pagination: stable pages however many errors arrive. */
@Injectable()
export class ErrorsListQueries {
  constructor(private readonly dataSource: DataSource) {}

  async page(scope: ReaderScope, query: ErrorsListQuery): Promise<ErrorsPage> {
    const params: unknown[] = [scope.accountId];
    const conditions: string[] = ['account_id = $1'];
    if (scope.integrationIds !== 'all') {
      params.push(scope.integrationIds);
      conditions.push(`integration_id = ANY($${params.length}::text[])`);
    }
    for (const [field, column] of FILTERS) {
      if (query[field] === undefined) continue;
      params.push(query[field]);
      conditions.push(`${column} = $${params.length}`);
    }
    if (query.cursor) {
      const { occurredAt, errorId } = decodeCursor(query.cursor);
      params.push(occurredAt, errorId);
      conditions.push(`(occurred_at, error_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const rows: ErrorsListRow[] = await this.dataSource.query(
      `SELECT * FROM errors_list WHERE ${conditions.join(' AND ')}
        ORDER BY occurred_at DESC, error_id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, query.limit).map(toItem);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  async byId(scope: ReaderScope, errorId: string): Promise<ErrorListItem | undefined> {
    const rows: ErrorsListRow[] = await this.dataSource.query(
      'SELECT * FROM errors_list WHERE account_id = $1 AND error_id = $2',
      [scope.accountId, errorId],
    );
    const item = rows[0] && toItem(rows[0]);
    return item && (scope.integrationIds === 'all' || scope.integrationIds.includes(item.integrationId)) ? item : undefined;
  }
}

function toItem(row: ErrorsListRow): ErrorListItem {
  return {
    errorId: row.error_id,
    accountId: row.account_id,
    integrationId: row.integration_id,
    flowId: row.flow_id,
    flowStepId: row.flow_step_id,
    stepType: row.step_type,
    runId: row.run_id,
    message: row.message,
    code: row.code,
    httpStatus: row.http_status,
    retryDataKey: row.retry_data_key,
    traceKey: row.trace_key,
    status: row.status,
    errorClass: row.error_class,
    severity: row.severity,
    httpStatusName: row.http_status_name,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
  };
}

function encodeCursor(item: ErrorListItem): string {
  return Buffer.from(`${item.occurredAt}|${item.errorId}`).toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: string; errorId: string } {
  const [occurredAt, errorId] = Buffer.from(cursor, 'base64url').toString().split('|');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!occurredAt || Number.isNaN(Date.parse(occurredAt)) || !uuid.test(errorId ?? '')) {
    throw new RequestValidationError([{ pointer: '/query/cursor', detail: 'is not a cursor this API returned' }]);
  }
  return { occurredAt, errorId };
}
