import type { EntityManager } from 'typeorm';
import type { OutboxMessage, Publication } from '../outbox/outbox.writer';
import { DecisionSession } from './decision-session';
import type { DomainEvent, StoredEvent } from './event-store.types';
import type { PostgresEventStore } from './postgres-event-store';

/** How a service turns stored events into its read models and its published messages. */
export interface EventSink<E extends DomainEvent> {
  project(manager: EntityManager, stored: StoredEvent<E>[]): Promise<void>;
  publish(stored: StoredEvent<E>): OutboxMessage[];
}

/**
 * One unit of work: decisions taken in a session are appended, projected and handed to the
 * app's publication (its outbox) in one transaction, or not at all.
 */
export async function inUnitOfWork<E extends DomainEvent, T>(
  parts: { dataSource: Pick<EntityManager, 'transaction'>; eventStore: PostgresEventStore; publication: Publication; sink: EventSink<E> },
  work: (session: DecisionSession, manager: EntityManager) => Promise<T>,
): Promise<{ result: T; stored: StoredEvent<E>[] }> {
  return parts.dataSource.transaction(async (manager: EntityManager) => {
    const session = new DecisionSession(parts.eventStore);
    const result = await work(session, manager);
    const stored = await session.commit<E>(manager);
    await parts.sink.project(manager, stored);
    await parts.publication.handOver(manager, stored.map((event) => ({ eventId: event.metadata.eventId, messages: parts.sink.publish(event) })));
    return { result, stored };
  });
}
