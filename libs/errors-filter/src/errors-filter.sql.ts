import type { ErrorsFilter } from '@faultline/contracts';

/** Whose errors a reader sees: one account, and there all integrations or the listed ones. */
export interface ReaderScope {
  accountId: string;
  integrationIds: string[] | 'all';
  /** Who `assignee=me` is. */
  userId: string;
}

const EQUALS: Array<[keyof ErrorsFilter, string]> = [
  ['integrationId', 'integration_id'],
  ['flowId', 'flow_id'],
  ['flowStepId', 'flow_step_id'],
  ['status', 'status'],
  ['errorClass', 'error_class'],
  ['severity', 'severity'],
  ['httpStatus', 'http_status'],
  ['source', 'source'],
];

/** A WHERE clause and its parameters; more conditions can be added before running it. */
export class SqlConditions {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  add(sql: (next: () => string) => string, ...values: unknown[]): void {
    let index = 0;
    this.conditions.push(sql(() => `$${this.params.length + ++index}`));
    this.params.push(...values);
  }

  get where(): string {
    return this.conditions.join(' AND ');
  }
}

/**
 * The SQL of the Errors list's filters, within what the reader may see. Values are parameters
 * only. Every read model of errors that takes these filters (the errors app's list, the
 * assignment app's copy for "assign everything matching") names its columns the same way.
 */
export function errorsFilterConditions(scope: ReaderScope, filter: ErrorsFilter): SqlConditions {
  const sql = new SqlConditions();
  sql.add((p) => `account_id = ${p()}`, scope.accountId);
  if (scope.integrationIds !== 'all') sql.add((p) => `integration_id = ANY(${p()}::text[])`, scope.integrationIds);
  for (const [field, column] of EQUALS) {
    if (filter[field] !== undefined) sql.add((p) => `${column} = ${p()}`, filter[field]);
  }
  if (filter.assignee === 'unassigned') sql.add(() => 'assignee_id IS NULL');
  else if (filter.assignee !== undefined) sql.add((p) => `assignee_id = ${p()}`, filter.assignee === 'me' ? scope.userId : filter.assignee);
  if (filter.tags !== undefined) {
    const operator = filter.tagsMatch === 'all' ? '@>' : '&&';
    sql.add((p) => `tag_ids ${operator} ${p()}::uuid[]`, filter.tags.split(','));
  }
  if (filter.from !== undefined) sql.add((p) => `occurred_at >= ${p()}::timestamptz`, filter.from);
  if (filter.to !== undefined) sql.add((p) => `occurred_at < ${p()}::timestamptz`, filter.to);
  if (filter.q !== undefined) sql.add((p) => `message ILIKE ${p()}`, `%${escapeLike(filter.q)}%`);
  return sql;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (character) => `\\${character}`);
