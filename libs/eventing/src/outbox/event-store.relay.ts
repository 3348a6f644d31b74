import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { CommitPosition, PostgresEventStore } from '../event-store/postgres-event-store';
import type { TopicNames } from '../kafka/topic-names';
import type { PublishedFromStore } from './published-from-store';
import { RelayedMessage, RelayLoop, RelayOptions } from './relay-loop';

/**
 * Publishes what an app's stored events map to, following the event store in commit order, so
 * nothing is written twice: no outbox copy of each event. Events this process wrote lately come
 * ready to send from its publication; others are read and mapped again by it, with the map the
 * writer checked them against. The relay's position moves only after the broker acknowledged:
 * a crash re-sends, and consumers dedupe by eventId.
 */
export class EventStoreRelay extends RelayLoop {
  constructor(
    dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
    private readonly publication: PublishedFromStore,
    producer: Producer,
    topics: TopicNames,
    options: RelayOptions,
  ) {
    super(dataSource, 'faultline.event-store-relay', producer, topics, options);
  }

  protected async publishHolding(manager: EntityManager): Promise<number> {
    const committed = await this.eventStore.committedAfter(manager, await relayPosition(manager), this.options.batchSize);
    if (committed.length === 0) return 0;
    const ready = new Map(committed.map(({ eventId }) => [eventId, this.publication.take(eventId)]));
    const mapped = await this.mapFromStore(manager, committed.filter(({ eventId }) => ready.get(eventId) === undefined).map(({ at }) => at.globalPosition));
    await this.send(committed.flatMap(({ eventId }) => ready.get(eventId) ?? mapped.get(eventId) ?? []));
    await moveRelayPosition(manager, committed[committed.length - 1].at);
    return committed.length;
  }

  private async mapFromStore(manager: EntityManager, globalPositions: string[]): Promise<Map<string, RelayedMessage[]>> {
    const events = await this.eventStore.readAt(manager, globalPositions);
    return new Map(events.map((stored) => [stored.metadata.eventId, this.publication.mapped(stored)]));
  }
}

async function relayPosition(manager: EntityManager): Promise<CommitPosition> {
  const [row] = await manager.query('SELECT transaction_id::text AS "transactionId", global_position::text AS "globalPosition" FROM store_relay_position');
  return row;
}

async function moveRelayPosition(manager: EntityManager, to: CommitPosition): Promise<void> {
  await manager.query('UPDATE store_relay_position SET transaction_id = $1::xid8, global_position = $2', [to.transactionId, to.globalPosition]);
}

/** A condition on event_store rows (as `alias`): the event store relay has not published them yet. */
export function notYetRelayed(alias: string): string {
  return `(${alias}.transaction_id, ${alias}.global_position) > (SELECT transaction_id, global_position FROM store_relay_position)`;
}
