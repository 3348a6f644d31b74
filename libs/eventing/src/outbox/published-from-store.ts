import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '../event-store/event-store.types';
import { assertMatchesContract, headersOf, OutboxMessage, Publication, PublishedEvent } from './outbox.writer';
import type { RelayedMessage } from './relay-loop';

/** Handed-over events kept for the relay at most; older ones it maps again from the store. */
const KEPT = 10_000;

/**
 * The publication of an app whose event store relay publishes from the stored events: each
 * message is checked against its contract here, so a change whose events could never be
 * published is refused before it commits. What the events are published as is also kept, ready
 * to send, for this process's relay, which then need not read and map them again; it maps from
 * the store what another instance wrote, what was written before a restart, and what aged out.
 */
export class PublishedFromStore implements Publication {
  private readonly ready = new Map<string, RelayedMessage[]>();

  /** `publishedMessages`: what each of the app's stored events is published as (the writer's map). */
  constructor(private readonly publishedMessages: (stored: StoredEvent) => OutboxMessage[]) {}

  async handOver(_manager: EntityManager, events: PublishedEvent[]): Promise<void> {
    for (const { messages } of events) for (const message of messages) assertMatchesContract(message);
    for (const { eventId, messages } of events) {
      this.ready.set(eventId, messages.map(relayed));
      // A Map iterates in insertion order: the first key is the oldest.
      if (this.ready.size > KEPT) this.ready.delete(this.ready.keys().next().value as string);
    }
  }

  /** The messages of a stored event, ready to send, if this process wrote it lately; forgets them. */
  take(eventId: string): RelayedMessage[] | undefined {
    const messages = this.ready.get(eventId);
    this.ready.delete(eventId);
    return messages;
  }

  /** The messages of a stored event this process did not hand over, mapped from the store. */
  mapped(stored: StoredEvent): RelayedMessage[] {
    return this.publishedMessages(stored).map(relayed);
  }
}

function relayed(message: PublishedEvent['messages'][number]): RelayedMessage {
  return { topic: message.topic, key: message.key, value: JSON.stringify(message.value), headers: headersOf(message) };
}
