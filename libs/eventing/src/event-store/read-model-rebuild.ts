import type { DataSource, EntityManager } from 'typeorm';
import type { DomainEvent, StoredEvent } from './event-store.types';
import { PostgresEventStore } from './postgres-event-store';

const BATCH = 5_000;

/** The read models a service projects from its own event store: the tables, how to empty what the events made, how to project them. */
export interface StoreProjection<E extends DomainEvent> {
  tables: string[];
  /** Empties what the events made (whole tables, or the columns they set on rows made by consumed events). */
  reset(manager: EntityManager): Promise<void>;
  apply(manager: EntityManager, events: StoredEvent<E>[]): Promise<void>;
  /** Puts back what the store does not hold but the read models show (e.g. another service's facts), after the replay. */
  restore?(manager: EntityManager): Promise<void>;
}

/**
 * Re-creates the read models from the event store, in one transaction: readers keep seeing the
 * old rows until it commits, writers wait for it, so nothing written meanwhile is lost or doubled.
 */
export async function rebuildFromStore<E extends DomainEvent>(dataSource: DataSource, projection: StoreProjection<E>): Promise<{ events: number }> {
  const store = new PostgresEventStore();
  return dataSource.transaction(async (manager) => {
    await manager.query(`LOCK TABLE ${projection.tables.join(', ')} IN EXCLUSIVE MODE`);
    await projection.reset(manager);
    let position = '0';
    let events = 0;
    for (;;) {
      const batch = (await store.readAll(manager, position, BATCH)) as StoredEvent<E>[];
      if (batch.length === 0) break;
      await projection.apply(manager, batch);
      events += batch.length;
      position = batch[batch.length - 1].globalPosition;
    }
    await projection.restore?.(manager);
    return { events };
  });
}

/** Every row of the tables, in a stable order: what "equal to a rebuild" compares. */
export async function dumpTables(manager: EntityManager, tables: string[]): Promise<Record<string, string>> {
  const contents: Record<string, string> = {};
  for (const table of tables) {
    const rows: Array<{ row: string }> = await manager.query(`SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY 1`);
    contents[table] = rows.map((entry) => entry.row).join('\n');
  }
  return contents;
}

/** Rebuilds and says which tables came out different from what they were. */
export async function compareWithRebuild<E extends DomainEvent>(dataSource: DataSource, projection: StoreProjection<E>): Promise<{ events: number; differing: string[] }> {
  const before = await dumpTables(dataSource.manager, projection.tables);
  const { events } = await rebuildFromStore(dataSource, projection);
  const after = await dumpTables(dataSource.manager, projection.tables);
  return { events, differing: projection.tables.filter((table) => before[table] !== after[table]) };
}
