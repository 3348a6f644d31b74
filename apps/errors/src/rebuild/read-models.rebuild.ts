import { rebuildFromStore, StoreProjection } from '@faultline/eventing';
import type { DataSource } from 'typeorm';
import { ErrorAssignees } from '../errors/assignees/assignments.consumer';
import { ReadModels } from '../errors/read-models';
import type { ErrorsServiceEvent } from '../errors/stored-events';

/**
 * Every read model of the errors service, made from its event store. Assignees come from the
 * consumer's own table, which holds what assignment.events.v1 said (those events are not in
 * this store).
 */
export function errorsReadModels(readModels = ReadModels.standalone()): StoreProjection<ErrorsServiceEvent> {
  const tables = readModels.projections.flatMap((projection) => projection.tables);
  return {
    tables,
    reset: async (manager) => {
      for (const table of tables) await manager.query(`DELETE FROM ${table}`);
    },
    apply: (manager, events) => readModels.apply(manager, events),
    restore: (manager) => new ErrorAssignees().restore(manager),
  };
}

export const rebuildReadModels = (dataSource: DataSource, readModels = ReadModels.standalone()): Promise<{ events: number }> =>
  rebuildFromStore(dataSource, errorsReadModels(readModels));
