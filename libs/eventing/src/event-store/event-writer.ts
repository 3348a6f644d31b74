import type { DataSource, EntityManager } from 'typeorm';
import type { Publication } from '../outbox/outbox.writer';
import { DecisionSession } from './decision-session';
import { DecisionCause, metadataFor } from './event-metadata';
import type { DomainEvent, EventMetadata, StoredEvent } from './event-store.types';
import type { PostgresEventStore } from './postgres-event-store';
import { EventSink, inUnitOfWork } from './unit-of-work';

/** What a unit of work decides with: one transaction, one session, one moment. */
export interface UnitOfWork {
  manager: EntityManager;
  session: DecisionSession;
  now: Date;
}

/** A unit of work for one cause: every event it decides carries the cause's metadata. */
export interface CausedUnitOfWork extends UnitOfWork {
  metadata: () => EventMetadata;
}

export interface EventWriterParts<E extends DomainEvent> {
  dataSource: DataSource;
  eventStore: PostgresEventStore;
  /** Its outbox, or only the contract check when the event store relay publishes from the store. */
  publication: Publication;
  sink: EventSink<E>;
  /** Where the moment of each unit of work is read: tests move it. */
  clock: { now(): Date };
  /** After a commit that stored events: wakes the relay. */
  afterCommit: () => void;
}

export interface WriteOptions<E extends DomainEvent> {
  /** Runs inside this transaction (as a savepoint), which the caller commits: a consumer's, with its inbox claim. */
  within?: EntityManager;
  /** This unit's own sink: what it publishes needs what only this unit knows. */
  sink?: EventSink<E>;
}

/**
 * How every app writes: decisions taken in a session are appended, projected into the app's
 * read models and handed to its publication in one transaction, at one moment read from the clock,
 * then the relay is woken. The apps differ only in their sink.
 */
export class EventWriter<E extends DomainEvent> {
  constructor(private readonly parts: EventWriterParts<E>) {}

  /** Decides for one cause (a person's request, a consumed event). */
  write<T>(cause: DecisionCause, work: (unit: CausedUnitOfWork) => Promise<T>, options: WriteOptions<E> = {}): Promise<{ result: T; stored: StoredEvent<E>[] }> {
    return this.writeBatch((unit) => work({ ...unit, metadata: metadataFor(cause, unit.now) }), options);
  }

  /** Decides for many causes at once (a consumed batch): each decision brings its own metadata. */
  async writeBatch<T>(work: (unit: UnitOfWork) => Promise<T>, options: WriteOptions<E> = {}): Promise<{ result: T; stored: StoredEvent<E>[] }> {
    const now = this.parts.clock.now();
    const parts = { ...this.parts, sink: options.sink ?? this.parts.sink, dataSource: options.within ?? this.parts.dataSource };
    const outcome = await inUnitOfWork(parts, (session, manager) => work({ manager, session, now }));
    if (outcome.stored.length > 0 && !options.within) this.parts.afterCommit();
    return outcome;
  }
}
