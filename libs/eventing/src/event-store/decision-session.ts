import type { EntityManager } from 'typeorm';
import type { Decider } from './decider';
import type { DomainEvent, EventMetadata, NewEvent, StoredEvent } from './event-store.types';
import type { PostgresEventStore } from './postgres-event-store';

interface OpenStream {
  /** When this session first decided on the stream: appends keep the order of decisions. */
  firstDecision?: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each stream keeps its own decider's types
  decider: Decider<any, any, any>;
  state: unknown;
  version: number;
  pending: NewEvent[];
}

/**
 * Decides many commands over many streams in one transaction: streams are read in one query,
 * each decision sees the events decided before it (also those not yet appended), and one
 * append writes them all at the versions read, so a concurrent writer makes the commit fail
 * instead of interleaving. A batch of a thousand commands costs a few queries, not thousands.
 */
export class DecisionSession {
  private readonly streams = new Map<string, OpenStream>();
  private decisions = 0;

  constructor(private readonly store: PostgresEventStore) {}

  /** Reads the streams not read yet; a stream without events starts at the decider's initial state. */
  async load<C, E extends DomainEvent, S>(manager: EntityManager, decider: Decider<C, E, S>, streamIds: string[]): Promise<void> {
    const unread = [...new Set(streamIds)].filter((streamId) => !this.streams.has(streamId));
    const histories = await this.store.readStreams<E>(manager, unread);
    for (const [streamId, history] of histories) {
      const state = history.reduce((current, stored) => decider.evolve(current, stored.event), decider.initialState());
      this.streams.set(streamId, { decider, state, version: history.length, pending: [] });
    }
  }

  /** The current state of a loaded stream, with the decisions taken so far. */
  state<S>(streamId: string): S {
    return this.open(streamId).state as S;
  }

  /** Starts a stream known to be new (a fresh id) without reading it. */
  create<C, E extends DomainEvent, S>(streamId: string, decider: Decider<C, E, S>): void {
    if (!this.streams.has(streamId)) this.streams.set(streamId, { decider, state: decider.initialState(), version: 0, pending: [] });
  }

  decide<C, E extends DomainEvent>(streamId: string, command: C, metadata: () => EventMetadata): E[] {
    const stream = this.open(streamId);
    const events: E[] = stream.decider.decide(command, stream.state);
    if (events.length > 0) stream.firstDecision ??= this.decisions++;
    for (const event of events) {
      stream.state = stream.decider.evolve(stream.state, event);
      stream.pending.push({ event, metadata: metadata() });
    }
    return events;
  }

  async commit<E extends DomainEvent>(manager: EntityManager): Promise<StoredEvent<E>[]> {
    const appends = [...this.streams.entries()]
      .filter(([, stream]) => stream.pending.length > 0)
      .sort(([, a], [, b]) => (a.firstDecision ?? 0) - (b.firstDecision ?? 0))
      .map(([streamId, stream]) => ({ streamId, expectedVersion: stream.version, events: stream.pending as NewEvent<E>[] }));
    const stored = await this.store.append<E>(manager, appends);
    this.streams.clear();
    return stored;
  }

  private open(streamId: string): OpenStream {
    const stream = this.streams.get(streamId);
    if (!stream) throw new Error(`stream ${streamId} was not loaded into this session`);
    return stream;
  }
}
