import type { ErrorListItem, ErrorsFilter, ErrorsListQuery, ErrorsPage } from '@faultline/contracts';
import { KeysetCursor } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { errorsFilterConditions, ReaderScope } from '@faultline/errors-filter';
import { ERRORS_CONFIG, ErrorsConfig } from '../../errors.config';

export type { ReaderScope };

export interface ErrorsListRow {
  error_id: string;
  account_id: string;
  integration_id: string;
  flow_id: string;
  flow_step_id: string;
  step_type: ErrorListItem['stepType'];
  run_id: string;
  message: string;
  code: string | null;
  source: string | null;
  http_status: number | null;
  retry_data_key: string | null;
  trace_key: string | null;
  status: ErrorListItem['status'];
  error_class: ErrorListItem['errorClass'];
  severity: ErrorListItem['severity'];
  http_status_name: string | null;
  occurrences: number;
  tag_ids: string[];
  assignee_id: string | null;
  assignment_cause: ErrorListItem['assignmentCause'];
  resolution: string | null;
  integration_name: string | null;
  flow_name: string | null;
  flow_step_name: string | null;
  resolved_by: string | null;
  superseded_by: string | null;
  resolved_at: Date | null;
  occurred_at: Date;
  last_occurred_at: Date;
  recorded_at: Date;
}

/** The list's columns, never the whole row: retry data and future wide columns stay out of pages. */
export const LIST_COLUMNS = `error_id, account_id, integration_id, flow_id, flow_step_id, integration_name, flow_name, flow_step_name, step_type, run_id, message, code, source,
  http_status, retry_data_key, trace_key, status, error_class, severity, http_status_name, occurrences, tag_ids, assignee_id,
  assignment_cause, resolution, resolved_by, superseded_by, resolved_at, occurred_at, last_occurred_at, recorded_at`;

/** Reads the Errors list with keyset pagination: stable pages however many errors arrive. */
@Injectable()
export class ErrorsListQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(ERRORS_CONFIG) private readonly config: ErrorsConfig,
  ) {}

  async page(scope: ReaderScope, query: ErrorsListQuery): Promise<ErrorsPage> {
    const { total, totalCapped } = await this.countUpTo(scope, query, this.config.listTotalCap);
    const sql = errorsFilterConditions(scope, query);
    if (query.cursor) {
      const { at: occurredAt, id: errorId } = KeysetCursor.decode(query.cursor);
      sql.add((p) => `(occurred_at, error_id) < (${p()}::timestamptz, ${p()}::uuid)`, occurredAt, errorId);
    }
    const rows: ErrorsListRow[] = await this.dataSource.query(
      `SELECT ${LIST_COLUMNS} FROM errors_list WHERE ${sql.where}
        ORDER BY occurred_at DESC, error_id DESC LIMIT ${query.limit + 1}`,
      sql.params,
    );
    const items = rows.slice(0, query.limit).map(toListItem);
    const last = items[items.length - 1];
    return { items, total, totalCapped, nextCursor: rows.length > query.limit && last ? KeysetCursor.encode(last.occurredAt, last.errorId) : null };
  }

  /** The matching errors counted up to `cap`: a page's total reads at most that many rows, however many match. */
  private async countUpTo(scope: ReaderScope, filter: ErrorsFilter, cap: number): Promise<{ total: number; totalCapped: boolean }> {
    const counted = await this.countMatching(scope, filter, this.dataSource.manager, cap + 1);
    return { total: Math.min(counted, cap), totalCapped: counted > cap };
  }

  /** Every matching error, counted exactly (for actions on all of them). */
  count(scope: ReaderScope, filter: ErrorsFilter, manager: EntityManager = this.dataSource.manager): Promise<number> {
    return this.countMatching(scope, filter, manager);
  }

  private async countMatching(scope: ReaderScope, filter: ErrorsFilter, manager: EntityManager, limit?: number): Promise<number> {
    const sql = errorsFilterConditions(scope, filter);
    const matched = `SELECT 1 FROM errors_list WHERE ${sql.where}${limit === undefined ? '' : ` LIMIT ${limit}`}`;
    const [row] = await manager.query(`SELECT count(*)::int AS total FROM (${matched}) AS matched`, sql.params);
    return (row as { total: number }).total;
  }

  /**
   * Every error matching a filter, in list order, a page at a time: for actions on all of
   * them and for exports, so a hundred thousand rows never sit in memory at once.
   */
  async *walk(scope: ReaderScope, filter: ErrorsFilter, pageSize: number): AsyncGenerator<ErrorsListRow[]> {
    let after: ErrorsListRow | undefined;
    for (;;) {
      const sql = errorsFilterConditions(scope, filter);
      if (after) sql.add((p) => `(occurred_at, error_id) < (${p()}::timestamptz, ${p()}::uuid)`, after.occurred_at, after.error_id);
      const rows: ErrorsListRow[] = await this.dataSource.query(
        `SELECT ${LIST_COLUMNS} FROM errors_list WHERE ${sql.where} ORDER BY occurred_at DESC, error_id DESC LIMIT ${pageSize}`,
        sql.params,
      );
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1];
    }
  }

  async byId(scope: ReaderScope, errorId: string): Promise<ErrorListItem | undefined> {
    const rows: ErrorsListRow[] = await this.dataSource.query(
      `SELECT ${LIST_COLUMNS} FROM errors_list WHERE account_id = $1 AND error_id = $2`,
      [scope.accountId, errorId],
    );
    const item = rows[0] && toListItem(rows[0]);
    return item && (scope.integrationIds === 'all' || scope.integrationIds.includes(item.integrationId)) ? item : undefined;
  }
}

export function toListItem(row: ErrorsListRow): ErrorListItem {
  return {
    errorId: row.error_id,
    accountId: row.account_id,
    integrationId: row.integration_id,
    flowId: row.flow_id,
    flowStepId: row.flow_step_id,
    integrationName: row.integration_name,
    flowName: row.flow_name,
    flowStepName: row.flow_step_name,
    stepType: row.step_type,
    runId: row.run_id,
    message: row.message,
    code: row.code,
    source: row.source,
    httpStatus: row.http_status,
    retryDataKey: row.retry_data_key,
    traceKey: row.trace_key,
    status: row.status,
    errorClass: row.error_class,
    severity: row.severity,
    httpStatusName: row.http_status_name,
    occurrences: row.occurrences,
    tagIds: row.tag_ids,
    assigneeUserId: row.assignee_id,
    assignmentCause: row.assignment_cause,
    resolution: row.resolution,
    resolvedByUserId: row.resolved_by?.startsWith('user:') ? row.resolved_by.slice('user:'.length) : null,
    supersededBy: row.superseded_by,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    occurredAt: row.occurred_at.toISOString(),
    lastOccurredAt: row.last_occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
  };
}
