import type { StoredEvent } from '@faultline/eventing';
import type { EntityManager } from 'typeorm';
import type { ErrorEvent } from './error.events';
import type { FlowEvent } from './flows/flow.events';
import type { RetentionEvent } from './retention/retention.decider';
import type { RetryEvent } from './retries/retry.events';
import type { SavedViewsEvent } from './saved-views/saved-views.events';
import type { TagCatalogueEvent } from './tags/tag-catalogue.events';

/** Every event the errors service stores, whatever its aggregate. */
export type ErrorsServiceEvent = ErrorEvent | FlowEvent | TagCatalogueEvent | RetryEvent | RetentionEvent | SavedViewsEvent;

export type StoredServiceEvent = StoredEvent<ErrorsServiceEvent>;

/** The stored events of one type, narrowed. */
export function ofType<T extends ErrorsServiceEvent['type']>(
  events: StoredServiceEvent[],
  type: T,
): Array<StoredEvent<Extract<ErrorsServiceEvent, { type: T }>>> {
  return events.filter((stored) => stored.event.type === type) as Array<StoredEvent<Extract<ErrorsServiceEvent, { type: T }>>>;
}

/** A projection keeps one read model in step with the events, in their transaction. */
export interface Projection {
  /** The tables it owns: emptied before a rebuild. */
  readonly tables: readonly string[];
  apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void>;
  /** Drops what it keeps of these errors: their retention ended. */
  forget(manager: EntityManager, errorIds: string[]): Promise<void>;
}

/** The `forget` of a read model whose tables are keyed by error. */
export const forgetErrorRows =
  (tables: readonly string[]) =>
  async (manager: EntityManager, errorIds: string[]): Promise<void> => {
    for (const table of tables) await manager.query(`DELETE FROM ${table} WHERE error_id = ANY($1::uuid[])`, [errorIds]);
  };

/** The `forget` of a read model that keeps nothing per error. */
export const keepsNothingPerError = async (): Promise<void> => undefined;
