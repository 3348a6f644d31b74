import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { TopicNames } from '../kafka/topic-names';
import { RelayLoop, RelayOptions } from './relay-loop';

interface OutboxRow {
  position: string;
  topic: string;
  message_key: string;
  /** The message as JSON text: it goes to Kafka as it is, never parsed and written again. */
  value: string;
  headers: Record<string, string>;
}

/**
 * Publishes outbox rows to Kafka in position order, then marks them published. A crash between
 * sending and marking re-sends those rows: consumers dedupe by eventId.
 */
export class OutboxRelay extends RelayLoop {
  constructor(dataSource: DataSource, producer: Producer, topics: TopicNames, options: RelayOptions) {
    super(dataSource, 'faultline.outbox-relay', producer, topics, options);
  }

  protected async publishHolding(manager: EntityManager): Promise<number> {
    const rows: OutboxRow[] = await manager.query(
      `SELECT position, topic, message_key, value::text AS value, headers FROM outbox
        WHERE published_at IS NULL ORDER BY position LIMIT $1`,
      [this.options.batchSize],
    );
    if (rows.length === 0) return 0;
    await this.send(rows.map((row) => ({ topic: row.topic, key: row.message_key, value: row.value, headers: row.headers })));
    await manager.query('UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])', [rows.map((row) => row.position)]);
    return rows.length;
  }
}
