import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadErrorsConfig } from './errors.config';
import { rebuildReadModels } from './rebuild/read-models.rebuild';

/**
 * `npm run rebuild:errors`: re-creates the errors service's read models from its event store
 * (after a projection changed, or to check one). Safe while the service runs.
 */
async function main(): Promise<void> {
  const config = loadErrorsConfig(process.env);
  const dataSource = await new DataSource({ type: 'postgres', url: config.service.databaseUrl }).initialize();
  try {
    const started = Date.now();
    const { events } = await rebuildReadModels(dataSource);
    console.log(`errors read models rebuilt from ${events} events in ${Date.now() - started} ms`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`rebuild failed: ${error.message}`);
  process.exit(1);
});
