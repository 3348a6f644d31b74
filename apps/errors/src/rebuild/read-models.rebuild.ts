import { PostgresEventStore } from '@faultline/eventing';
import type { DataSource } from 'typeorm';
import { ErrorAssignees } from '../errors/assignees/assignments.consumer';
import { ReadModels } from '../errors/read-models';
import type { StoredServiceEvent } from '../errors/stored-events';

const BATCH = 5_000;

/**
 * Re-creates every read model from the event store, in one transaction: readers keep seeing
 * the old rows until it commits, writers (ingest, actions) wait for it, so nothing written
 * meanwhile is lost or doubled. Assignees come from the consumer's own table, which holds what
 * assignment.events.v1 said (those events are not in this store).
 */
export async function rebuildReadModels(dataSource: DataSource, readModels = ReadModels.standalone()): Promise<{ events: number }> {
  const store = new PostgresEventStore();
  return dataSource.transaction(async (manager) => {
    const tables = readModels.projections.flatMap((projection) => projection.tables);
    await manager.query(`LOCK TABLE ${tables.join(', ')} IN EXCLUSIVE MODE`);
    for (const table of tables) await manager.query(`DELETE FROM ${table}`);
    let position = '0';
    let events = 0;
    for (;;) {
      const batch = (await store.readAll(manager, position, BATCH)) as StoredServiceEvent[];
      if (batch.length === 0) break;
      await readModels.apply(manager, batch);
      events += batch.length;
      position = batch[batch.length - 1].globalPosition;
    }
    await new ErrorAssignees().restore(manager);
    return { events };
  });
}
