import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicJob } from '../periodic-job';

const CHECK_EVERY_MS = 5_000;
/** Rows changed since the last ANALYZE, above which a table's statistics count as stale: 10%, and at least 1,000. */
const STALE_SHARE = 0.1;
const STALE_MIN_ROWS = 1_000;
/**
 * The eventing tables are read by unique keys and a partial index only, whatever their
 * statistics say (and analyzing them costs a second of a burst's database time); autovacuum's
 * pace is enough for them.
 */
const LOOKED_UP_BY_KEY_ONLY = ['event_store', 'outbox', 'inbox'];
/** One instance of a service analyzes its database at a time: the others would only repeat it. */
const FRESH_STATISTICS_LOCK = "hashtext('faultline.fresh-statistics')";

/**
 * Keeps the planner's statistics fresh after bursts. Autovacuum analyzes a table once 10% of it
 * changed, but looks only once a minute: a burst of reports into a fresh or small table is
 * planned for a minute on statistics of a table a tenth its size, and the planner picks an index
 * that reads every error of a step for each trace key (docs/benchmarks.md). Every few seconds
 * this service analyzes its own tables that changed that much.
 */
@Injectable()
export class FreshStatistics extends PeriodicJob {
  protected readonly name = 'fresh statistics';

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  protected intervalMs(): number {
    return CHECK_EVERY_MS;
  }

  /** Answers the tables it analyzed; none when another instance of the service is at it. */
  tick(): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(${FRESH_STATISTICS_LOCK}) AS locked`);
      if (!locked) return [];
      const stale: Array<{ name: string }> = await manager.query(
        `SELECT format('%I.%I', schemaname, relname) AS name FROM pg_stat_user_tables
          WHERE n_mod_since_analyze > greatest($1::float8, $2::float8 * n_live_tup) AND relname <> ALL($3::text[])`,
        [STALE_MIN_ROWS, STALE_SHARE, LOOKED_UP_BY_KEY_ONLY],
      );
      for (const { name } of stale) await manager.query(`ANALYZE ${name}`);
      return stale.map(({ name }) => name);
    });
  }
}
