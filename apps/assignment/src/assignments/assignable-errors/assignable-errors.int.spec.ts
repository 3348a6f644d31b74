import { EVENTING_MIGRATIONS } from '@faultline/eventing';
import { freshDatabaseUrl, openTestDataSource } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ASSIGNMENT_MIGRATIONS } from '../../infrastructure/assignment-migrations';
import { AssignableErrorsQueries, OPEN_OF_SAME_RECORDS } from './assignable-errors';

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await openTestDataSource(await freshDatabaseUrl('assignable_errors'), [...EVENTING_MIGRATIONS, ...ASSIGNMENT_MIGRATIONS]);
});

afterAll(async () => {
  await dataSource?.destroy();
});

/** `count` open errors of one integration and flow, over five steps, each with its own retry data key. */
const insertOpenErrors = (accountId: string, count: number) =>
  dataSource.query(
    `INSERT INTO assignable_errors (error_id, account_id, integration_id, flow_id, flow_step_id, status, retry_data_key, occurred_at, message, error_class, severity)
     SELECT gen_random_uuid(), $1, 'int-1', 'flow-1', 'step-' || (n % 5), 'open', 'order-' || n, now(), 'failed', 'unknown', 'none' FROM generate_series(1, $2) AS n`,
    [accountId, count],
  );

const keyed = (flowStepId: string, retryDataKey: string) => ({ integrationId: 'int-1', flowId: 'flow-1', flowStepId, retryDataKey });

/** Buffers (pages) a statement touched, by EXPLAIN (ANALYZE, BUFFERS). */
async function pagesTouched(sql: string, parameters: unknown[]): Promise<number> {
  const [{ 'QUERY PLAN': [{ Plan: plan }] }] = await dataSource.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, parameters);
  return plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
}

describe('the open errors of the same records', () => {
  const accountId = `acc-${randomUUID()}`;

  beforeAll(async () => {
    // Statistics taken at one row, then 20,000 more: the planner believes the table tiny.
    await insertOpenErrors(accountId, 1);
    await dataSource.query('ANALYZE assignable_errors');
    await insertOpenErrors(accountId, 20_000);
    await insertOpenErrors(`acc-${randomUUID()}`, 10);
  });

  it("are the account's own, each once, however many of its keys repeat", async () => {
    const found = await dataSource.transaction((manager) =>
      AssignableErrorsQueries.openOfSameRecords(manager, accountId, [keyed('step-2', 'order-7'), keyed('step-2', 'order-7'), keyed('step-4', 'order-9')]),
    );

    expect(found.map((error) => [error.accountId, error.flowStepId, error.retryDataKey]).sort()).toEqual([
      [accountId, 'step-2', 'order-7'],
      [accountId, 'step-4', 'order-9'],
    ]);
  });

  it('are found by one index probe per key however stale the statistics, not by reading the account', async () => {
    const pages = await pagesTouched(OPEN_OF_SAME_RECORDS, [accountId, ['int-1', 'int-1'], ['flow-1', 'flow-1'], ['step-2', 'step-4'], ['order-7', 'order-9']]);

    // Two probes of three or four pages each; the account's 20,000 errors span hundreds.
    expect(pages).toBeLessThan(20);
  });
});
