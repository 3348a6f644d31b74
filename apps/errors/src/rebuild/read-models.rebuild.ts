import { PostgresEventStore } from '@faultline/eventing';
import type { DataSource } from 'typeorm';
import { ErrorAssignees } from '../errors/assignees/assignments.consumer';
import { ActivityLogProjection } from '../errors/activity/activity-log.projection';
import { RetryDataProjection } from '../errors/error-details/retry-data.projection';
import { ErrorsListProjection } from '../errors/errors-list/errors-list.projection';
import { FlowsProjection } from '../errors/flows/flows.projection';
import { ReadModels } from '../errors/read-models';
import { RetentionProjection } from '../errors/retention/retention.projection';
import { PendingRetriesProjection } from '../errors/retries/pending-retries.projection';
import type { StoredServiceEvent } from '../errors/stored-events';
import { TagsProjection } from '../errors/tags/tags.projection';

const BATCH = 5_000;

/** Every read model of the service, built as the running service builds them. */
export const allReadModels = (): ReadModels =>
  new ReadModels(
    new ErrorsListProjection(),
    new RetryDataProjection(),
    new FlowsProjection(),
    new ActivityLogProjection(),
    new PendingRetriesProjection(),
    new TagsProjection(),
    new RetentionProjection(),
  );

/**
 * Re-creates every read model from the event store, in one transaction: readers keep seeing
 * the old rows until it commits, writers (ingest, actions) wait for it, so nothing written
 * meanwhile is lost or doubled. Assignees come from the consumer's own table, which holds what
 * assignment.events.v1 said (those events are not in this store).
 */
export async function rebuildReadModels(dataSource: DataSource, readModels = allReadModels()): Promise<{ events: number }> {
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
