import { freshDatabaseUrl, openTestDataSource } from '@faultline/testing';
import type { DataSource } from 'typeorm';
import { FreshStatistics } from './fresh-statistics';

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await openTestDataSource(await freshDatabaseUrl('fresh-statistics'), []);
  await dataSource.query('CREATE TABLE burst (id int PRIMARY KEY, step text NOT NULL)');
  await dataSource.query('CREATE TABLE quiet (id int PRIMARY KEY)');
  await dataSource.query('INSERT INTO quiet SELECT generate_series(1, 10)');
});

afterAll(() => dataSource?.destroy());

const statisticsOf = async (table: string) =>
  (await dataSource.query('SELECT reltuples::int AS rows FROM pg_class WHERE relname = $1', [table]))[0].rows as number;

describe('statistics after a burst', () => {
  it('analyzes a table a burst changed, before autovacuum would look, once over the instances, and leaves it once fresh', async () => {
    const job = new FreshStatistics(dataSource);
    await dataSource.query("INSERT INTO burst SELECT n, 'step-' || (n % 64) FROM generate_series(1, 20000) AS n");
    // The statistics collector reports a transaction's changes shortly after it ends.
    await dataSource.query('SELECT pg_stat_force_next_flush()');

    // Another instance at it: this one leaves the work to it.
    const other = dataSource.createQueryRunner();
    await other.startTransaction();
    await other.query("SELECT pg_advisory_xact_lock(hashtext('faultline.fresh-statistics'))");
    expect(await job.tick()).toEqual([]);
    await other.commitTransaction();
    await other.release();

    expect(await job.tick()).toEqual(['public.burst']);
    expect(await statisticsOf('burst')).toBe(20_000);
    expect(await job.tick()).toEqual([]);
  });
});
