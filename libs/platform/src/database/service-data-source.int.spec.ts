import { freshDatabaseUrl, testInfrastructure } from '@faultline/testing';
import { Client, type Pool, type PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { serviceDataSourceOptions } from './service-data-source';

let dataSource: DataSource;
let admin: Client;

beforeAll(async () => {
  dataSource = await new DataSource(
    serviceDataSourceOptions({ service: 'platform-test', databaseUrl: await freshDatabaseUrl('service-data-source'), migrations: [] }),
  ).initialize();
  admin = new Client({ connectionString: testInfrastructure().databaseUrl });
  await admin.connect();
});

afterAll(async () => {
  await admin?.end();
  await dataSource?.destroy();
});

describe("a service's database connections", () => {
  it('lose a connection the server ends without the process, even one its holder does not watch', async () => {
    // PostgreSQL ending a backend (a shutdown, an administrator) sends FATAL 57P01 to its client.
    const held: PoolClient = await ((dataSource.driver as PostgresDriver).master as Pool).connect();
    const [{ pid }] = (await held.query('SELECT pg_backend_pid() AS pid')).rows;
    const ended = new Promise((resolve) => held.once('end', resolve));

    await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    await ended;
    held.release(true);

    expect(await dataSource.query('SELECT 1 AS alive')).toEqual([{ alive: 1 }]);
  });
});
