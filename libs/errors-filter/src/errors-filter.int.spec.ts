import type { ErrorsFilter } from '@faultline/contracts';
import { freshDatabaseUrl, openTestDataSource } from '@faultline/testing';
import type { DataSource } from 'typeorm';
import { errorsFilterConditions, ReaderScope } from './errors-filter.sql';

/**
 * The filters run in PostgreSQL against a table named as every read model of errors names its
 * columns: each filter is checked by the rows it selects, not by the SQL it writes.
 */
let dataSource: DataSource;

const TAG_A = '00000000-0000-4000-8000-00000000000a';
const TAG_B = '00000000-0000-4000-8000-00000000000b';

interface Row {
  id: string;
  account?: string;
  integration?: string;
  flow?: string;
  step?: string;
  status?: 'open' | 'resolved';
  severity?: string;
  httpStatus?: number | null;
  assignee?: string | null;
  tags?: string[];
  message?: string;
  occurredAt?: string;
}

const ROWS: Row[] = [
  { id: 'e1', integration: 'int-1', flow: 'flow-1', step: 'step-1', assignee: 'usr-me', tags: [TAG_A], message: 'Billing address missing', httpStatus: 422 },
  { id: 'e2', integration: 'int-1', flow: 'flow-1', step: 'step-2', assignee: 'usr-bob', tags: [TAG_A, TAG_B], message: '100% of quota used', severity: 'high' },
  { id: 'e3', integration: 'int-2', flow: 'flow-9', step: 'step-1', assignee: null, tags: [], message: 'file_name too long', status: 'resolved' },
  { id: 'e4', integration: 'int-2', flow: 'flow-9', step: 'step-1', assignee: null, tags: [TAG_B], message: 'C:\\path not found', occurredAt: '2026-11-01T00:00:00.000Z' },
  { id: 'other-account', account: 'acc-2', integration: 'int-1', flow: 'flow-1', message: 'Billing address missing' },
];

const everything: ReaderScope = { accountId: 'acc-1', integrationIds: 'all', userId: 'usr-me' };

async function matching(filter: ErrorsFilter, scope: ReaderScope = everything): Promise<string[]> {
  const { where, params } = errorsFilterConditions(scope, filter);
  const rows: Array<{ error_id: string }> = await dataSource.query(`SELECT error_id FROM errors WHERE ${where} ORDER BY error_id`, params);
  return rows.map((row) => row.error_id);
}

beforeAll(async () => {
  dataSource = await openTestDataSource(await freshDatabaseUrl('errors_filter'), []);
  await dataSource.query(`
    CREATE TABLE errors (
      error_id text PRIMARY KEY, account_id text NOT NULL, integration_id text NOT NULL, flow_id text NOT NULL, flow_step_id text NOT NULL,
      status text NOT NULL, error_class text NOT NULL, severity text NOT NULL, http_status int, source text, assignee_id text,
      tag_ids uuid[] NOT NULL, message text NOT NULL, occurred_at timestamptz NOT NULL
    )`);
  for (const row of ROWS) {
    await dataSource.query('INSERT INTO errors VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::uuid[], $13, $14)', [
      row.id, row.account ?? 'acc-1', row.integration ?? 'int-1', row.flow ?? 'flow-1', row.step ?? 'step-1', row.status ?? 'open', 'other',
      row.severity ?? 'none', row.httpStatus ?? null, null, row.assignee ?? null, row.tags ?? [], row.message ?? '', row.occurredAt ?? '2026-12-01T10:00:00.000Z',
    ]);
  }
});

afterAll(() => dataSource?.destroy());

describe('the Errors list filters, in PostgreSQL', () => {
  it('never leave the reader’s account, and stay within the integrations they may view', async () => {
    expect(await matching({})).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(await matching({}, { ...everything, integrationIds: ['int-2'] })).toEqual(['e3', 'e4']);
    expect(await matching({}, { ...everything, integrationIds: [] })).toEqual([]);
  });

  it('combine integration, flow, step, status, severity and HTTP status', async () => {
    expect(await matching({ integrationId: 'int-1', flowId: 'flow-1', flowStepId: 'step-2' })).toEqual(['e2']);
    expect(await matching({ integrationId: 'int-2', status: 'open' })).toEqual(['e4']);
    expect(await matching({ severity: 'high' })).toEqual(['e2']);
    expect(await matching({ httpStatus: 422 })).toEqual(['e1']);
  });

  it('find the reader’s errors as "me", a person’s, and the unassigned', async () => {
    expect(await matching({ assignee: 'me' })).toEqual(['e1']);
    expect(await matching({ assignee: 'usr-bob' })).toEqual(['e2']);
    expect(await matching({ assignee: 'unassigned' })).toEqual(['e3', 'e4']);
  });

  it('match any of the tags, or all of them', async () => {
    expect(await matching({ tags: `${TAG_A},${TAG_B}` })).toEqual(['e1', 'e2', 'e4']);
    expect(await matching({ tags: `${TAG_A},${TAG_B}`, tagsMatch: 'all' })).toEqual(['e2']);
  });

  it('search the message as text: case aside, and LIKE’s wildcards and backslashes are plain characters', async () => {
    expect(await matching({ q: 'billing ADDRESS' })).toEqual(['e1']);
    expect(await matching({ q: '100%' })).toEqual(['e2']);
    expect(await matching({ q: '%' })).toEqual(['e2']);
    expect(await matching({ q: 'file_name' })).toEqual(['e3']);
    expect(await matching({ q: 'file?name' })).toEqual([]);
    expect(await matching({ q: 'C:\\path' })).toEqual(['e4']);
    expect(await matching({ q: "'; DROP TABLE errors; --" })).toEqual([]);
  });

  it('take a time range from inclusive to exclusive', async () => {
    expect(await matching({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' })).toEqual(['e4']);
    expect(await matching({ to: '2026-11-01T00:00:00.000Z' })).toEqual([]);
  });
});
