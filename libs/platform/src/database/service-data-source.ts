import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import type { DataSourceOptions } from 'typeorm';

/**
 * No parallel plans: every statement of a service is a small batch or a page. On statistics of a
 * fresh table the planner took the event store's stream reads for thousands of rows and started
 * two workers, 100–185 ms each time, to read none (docs/benchmarks.md).
 */
const SESSION_SETTINGS = '-c max_parallel_workers_per_gather=0';

const databaseLogger = new Logger('database');

/**
 * A pooled connection whose loss never ends the process. `pg` emits 'error' on a client whose
 * server goes away (FATAL 57P01 when PostgreSQL stops), and Node throws on an 'error' no one
 * listens to. pg-pool listens while a client is idle and TypeORM while it holds one, yet a
 * service was seen to exit when PostgreSQL stopped under it: this listener is there from the
 * client's first moment to its last, and the pool and the query holding it still see the error.
 */
export class PooledClient extends Client {
  private lost = false;

  constructor(config: ClientConfig) {
    super(config);
    // A lost connection reports twice (the server's FATAL, then the closed socket): log it once.
    this.on('error', (error) => {
      if (!this.lost) databaseLogger.warn(`connection lost: ${error.message}`);
      this.lost = true;
    });
  }
}

export interface ServiceDataSource {
  service: string;
  databaseUrl: string;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

/** How every service connects to its database: migrated at start-up, a pool of ten, no query log. */
export function serviceDataSourceOptions({ service, databaseUrl, migrations }: ServiceDataSource): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Failed queries surface as errors to their callers; TypeORM's own log would print their parameters (retry data, hashes).
    logging: false,
    extra: { max: 10, application_name: `faultline-${service}`, options: SESSION_SETTINGS, Client: PooledClient },
  };
}
