import type { EntityManager } from 'typeorm';
import type { DomainEvent, EventMetadata, StoredEvent } from './event-store.types';
import type { PostgresEventStore } from './postgres-event-store';

/** An aggregate written as a decider. */
export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/**
 * Rebuilds a stream's state from its events, decides, and appends the new events at the
 * version it read, so a concurrent writer makes this append fail rather than interleave.
 * Runs in the caller's transaction.
 */
export async function decideOnStream<Command, Event extends DomainEvent, State>(
  manager: EntityManager,
  store: PostgresEventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  metadata: () => EventMetadata,
): Promise<StoredEvent<Event>[]> {
  const history = await store.readStream<Event>(manager, streamId);
  const state = history.reduce((current, stored) => decider.evolve(current, stored.event), decider.initialState());
  const events = decider.decide(command, state);
  return store.append(manager, [
    { streamId, expectedVersion: history.length, events: events.map((event) => ({ event, metadata: metadata() })) },
  ]);
}
