import { DataSource, DataSourceOptions } from 'typeorm';

/** A migrated connection to a test database, for tests below the level of a whole service. */
export async function openTestDataSource(databaseUrl: string, migrations: DataSourceOptions['migrations']): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations,
    migrationsRun: true,
    logging: false,
    extra: { max: 10 },
  });
  return dataSource.initialize();
}
