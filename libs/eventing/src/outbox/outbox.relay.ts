import { countBy, groupBy } from '../database/group-by';
import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { TopicNames } from '../kafka/topic-names';
import { EventingMetrics, UNMEASURED } from '../observability/eventing-metrics';

interface OutboxRow {
  position: string;
  topic: string;
  message_key: string;
  /** The message as JSON text: it goes to Kafka as it is, never parsed and written again. */
  value: string;
  headers: Record<string, string>;
}

export interface OutboxRelayOptions {
  batchSize: number;
  /** How often to look for rows when nobody nudges; the relay is also woken after commits. */
  pollIntervalMs: number;
  log: (message: string, context?: object) => void;
  metrics?: Pick<EventingMetrics, 'published'>;
}

const RELAY_LOCK = "hashtext('faultline.outbox-relay')";

/**
 * Publishes outbox rows to Kafka in position order, then marks them published. At most one
 * relay per database publishes at a time (a transaction-scoped advisory lock), which keeps the
 * order. A crash between sending and marking re-sends those rows: consumers dedupe by eventId.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private pendingNudge = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly topics: TopicNames,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
  }

  /** Tells the relay that rows were just committed, so it need not wait for its next poll. */
  nudge(): void {
    this.pendingNudge = true;
    this.wake?.();
  }

  /** Publishes what is waiting now; returns how many rows were published. */
  async publishPending(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(${RELAY_LOCK}) AS locked`);
      if (!locked) return 0;
      const rows: OutboxRow[] = await manager.query(
        `SELECT position, topic, message_key, value::text AS value, headers FROM outbox
          WHERE published_at IS NULL ORDER BY position LIMIT $1`,
        [this.options.batchSize],
      );
      if (rows.length === 0) return 0;
      await this.send(rows);
      await this.markPublished(manager, rows);
      const metrics = this.options.metrics ?? UNMEASURED;
      for (const [topic, count] of countBy(rows, (row) => row.topic)) metrics.published(topic, count);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishPending();
      } catch (error) {
        this.options.log('outbox relay failed; retrying', { error: (error as Error).message });
        await this.sleep(this.options.pollIntervalMs * 5);
      }
      if (published < this.options.batchSize) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const byTopic = groupBy(rows, (row) => row.topic);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, topicRows]) => ({
        topic: this.topics.resolve(topic),
        messages: topicRows.map((row) => ({ key: row.message_key, value: row.value, headers: row.headers })),
      })),
    });
  }

  private async markPublished(manager: EntityManager, rows: OutboxRow[]): Promise<void> {
    await manager.query(`UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])`, [
      rows.map((row) => row.position),
    ]);
  }

  private sleep(ms: number): Promise<void> {
    if (this.pendingNudge || !this.running) {
      this.pendingNudge = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = () => {
        this.pendingNudge = false;
        done();
      };
    });
  }
}
