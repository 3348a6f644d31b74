import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { countBy, groupBy } from '../database/group-by';
import type { TopicNames } from '../kafka/topic-names';
import { EventingMetrics, UNMEASURED } from '../observability/eventing-metrics';

export interface RelayOptions {
  batchSize: number;
  /** How often to look for messages when nobody nudges; the relay is also woken after commits. */
  pollIntervalMs: number;
  log: (message: string, context?: object) => void;
  metrics?: Pick<EventingMetrics, 'published'>;
}

/** One message as the relay sends it: its value already JSON text. */
export interface RelayedMessage {
  topic: string;
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * The loop every relay runs: publish what is waiting, sleep until nudged or the poll interval
 * ends, back off after a failure. At most one relay of a kind per database publishes at a time
 * (a transaction-scoped advisory lock), which keeps the order. Subclasses say where the messages
 * come from.
 */
export abstract class RelayLoop {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private pendingNudge = false;

  constructor(
    private readonly dataSource: DataSource,
    /** The advisory lock's name: one per kind of relay. */
    private readonly lockName: string,
    private readonly producer: Producer,
    private readonly topics: TopicNames,
    protected readonly options: RelayOptions,
  ) {}

  /** Publishes what is waiting now, unless another relay of this kind is at it; returns how many rows or events it took. */
  publishPending(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [this.lockName]);
      return locked ? this.publishHolding(manager) : 0;
    });
  }

  /** Publishes what is waiting, in the transaction that holds the lock. */
  protected abstract publishHolding(manager: EntityManager): Promise<number>;

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

  /** Tells the relay that something was just committed, so it need not wait for its next poll. */
  nudge(): void {
    this.pendingNudge = true;
    this.wake?.();
  }

  /** Sends the messages in one request, acknowledged by every in-sync replica. */
  protected async send(messages: RelayedMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const byTopic = groupBy(messages, (message) => message.topic);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, topicMessages]) => ({
        topic: this.topics.resolve(topic),
        messages: topicMessages.map(({ key, value, headers }) => ({ key, value, headers })),
      })),
    });
    const metrics = this.options.metrics ?? UNMEASURED;
    for (const [topic, count] of countBy(messages, (message) => message.topic)) metrics.published(topic, count);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let taken = 0;
      try {
        taken = await this.publishPending();
      } catch (error) {
        this.options.log('relay failed; retrying', { relay: this.constructor.name, error: (error as Error).message });
        await this.sleep(this.options.pollIntervalMs * 5);
      }
      if (taken < this.options.batchSize) await this.sleep(this.options.pollIntervalMs);
    }
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
