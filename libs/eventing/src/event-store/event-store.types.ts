/** A domain event as the deciders see it: plain data, past tense. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

/** Who caused a change: a signed-in person, or the system (a rule, a runtime, a timer). */
export interface Actor {
  type: 'user' | 'system';
  id: string;
}

/** What travels with every event: identity, tenancy and the chain of causes. */
export interface EventMetadata {
  eventId: string;
  accountId: string;
  occurredAt: string;
  correlationId: string;
  causationId?: string;
  actor: Actor;
}

export interface NewEvent<E extends DomainEvent = DomainEvent> {
  event: E;
  metadata: EventMetadata;
}

export interface StoredEvent<E extends DomainEvent = DomainEvent> extends NewEvent<E> {
  streamId: string;
  /** 1 for a stream's first event. */
  streamVersion: number;
  /** Position in the store across all streams; a bigint, kept as a string. */
  globalPosition: string;
}

/** Events to append to one stream, which must be at `expectedVersion` (0: a new stream). */
export interface StreamAppend<E extends DomainEvent = DomainEvent> {
  streamId: string;
  expectedVersion: number;
  events: NewEvent<E>[];
}

/** Another writer changed the stream first: reload it and decide again. */
export class ConcurrencyError extends Error {
  readonly code = 'CONCURRENCY_CONFLICT';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion?: number,
  ) {
    super(
      `stream ${streamId} is not at version ${expectedVersion}` +
        (actualVersion === undefined ? ' (a concurrent append won)' : ` (it is at ${actualVersion})`),
    );
  }
}
