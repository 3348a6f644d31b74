import { parseEvent } from '@faultline/contracts';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { countBy } from '../database/group-by';
import { correlationOf, withCorrelation } from '../observability/correlation';
import { EventingMetrics, reasonCode, UNMEASURED } from '../observability/eventing-metrics';
import type { ConsumedBatch, ConsumedEvent } from './consumed-batch';
import { ConsumerProgress } from './consumer-progress';
import { DeadLetters, RejectedMessage } from './dead-letters';
import type { KafkaLog, KafkaSettings } from './kafka.settings';
import { describeFailure, handleIsolatingPoison, Isolated, IsolationOptions, retrying } from './poison-isolation';
import { TopicNames } from './topic-names';

export interface KafkaBatchServerOptions {
  kafka: Kafka;
  settings: KafkaSettings;
  groupId: string;
  producer: Producer;
  log: KafkaLog;
  /** Where the consumer's health is kept, for `/health`. */
  progress: ConsumerProgress;
  metrics?: Pick<EventingMetrics, 'batchHandled' | 'deadLettered'>;
}

interface Delivered {
  event: ConsumedEvent;
  message: KafkaMessage;
}

/**
 * A Nest microservice transport that consumes whole batches. For each partition batch it
 * validates every message against its contract, hands the valid ones to the `@EventPattern`
 * handlers of the topic, sends the invalid ones to the DLQ, and only then commits the offset.
 *
 * No single message can stop it: a failing batch is retried with backoff while the failure is
 * the infrastructure's, and otherwise split until the one message at fault is found, which
 * goes to the DLQ with the reason while the rest are handled. A crashed consumer is started
 * again. Handlers are idempotent (see Inbox), which makes every retry safe.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private topics: string[] = [];
  private closing = false;
  private restartTimer?: NodeJS.Timeout;
  private readonly topicNames: TopicNames;
  private readonly deadLetters: DeadLetters;

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
    this.topicNames = new TopicNames(options.settings.topicPrefix);
    this.deadLetters = new DeadLetters(options.producer, options.groupId);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.topics = [...this.messageHandlers.keys()].map((topic) => this.topicNames.resolve(topic));
      if (this.topics.length > 0) await this.startConsumer();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
    this.consumer = undefined;
    this.options.progress.changed('stopped');
  }

  on(): never {
    throw new Error('KafkaBatchServer has no status events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async startConsumer(): Promise<void> {
    const { settings, progress } = this.options;
    progress.changed('starting');
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      maxWaitTimeInMs: settings.maxWaitTimeMs,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      progress.assigned(payload.memberAssignment);
      progress.changed('running');
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => this.crashed(consumer, payload.error, payload.restart));
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Order holds within a partition, which is all the keys promise; partitions run side by side.
      partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.handleBatch(consumer, payload),
    });
  }

  /** kafkajs restarts itself after retriable crashes only; every other crash is restarted here. */
  private crashed(consumer: Consumer, error: Error, restartsItself: boolean): void {
    this.options.log('error', 'consumer crashed', { error: describeFailure(error), restartsItself });
    this.options.progress.changed('restarting');
    if (restartsItself || this.closing || consumer !== this.consumer) return;
    this.restartTimer = setTimeout(() => {
      if (this.closing) return;
      void consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => this.startConsumer())
        .catch((failure: unknown) => this.crashed(this.consumer ?? consumer, failure as Error, false));
    }, this.options.settings.consumerRestartDelayMs);
  }

  private async handleBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, resolveOffset } = payload;
    if (batch.messages.length === 0) return;
    const { progress, metrics = UNMEASURED } = this.options;
    progress.batchTaken(batch.topic, batch.partition, batch.firstOffset() ?? '0', batch.highWatermark);
    const started = process.hrtime.bigint();
    try {
      const topic = this.topicNames.contractTopic(batch.topic) ?? batch.topic;
      const { valid, rejected } = validated(topic, batch.messages);
      const retries = this.retryOptions(payload);
      const isolated = await handleIsolatingPoison(valid, (part) => this.dispatch(topic, batch.partition, part), retries);
      rejected.push(...isolated.map(({ item, reason }) => ({ message: item.message, reason })));
      const sent = await retrying(() => this.sendToDeadLetters(batch.topic, batch.partition, rejected), retries);
      if (!sent.ok) throw sent.error;
      resolveOffset(batch.lastOffset());
      const next = (BigInt(batch.lastOffset()) + 1n).toString();
      await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
      progress.committed(batch.topic, batch.partition, next, rejected.length);
      metrics.batchHandled(topic, batch.messages.length, Number(process.hrtime.bigint() - started) / 1e9);
      for (const [reason, count] of countBy(rejected, (entry) => reasonCode(entry.reason))) metrics.deadLettered(topic, reason, count);
      await heartbeat();
    } catch (error) {
      progress.batchDropped(batch.topic, batch.partition);
      throw error;
    }
  }

  private retryOptions({ batch, heartbeat, isRunning, isStale }: EachBatchPayload): IsolationOptions {
    const { handlerAttempts, handlerBackoffMs } = this.options.settings;
    return {
      attempts: handlerAttempts,
      backoffMs: (failures) => Math.min(handlerBackoffMs * 2 ** (failures - 1), 30_000),
      sleep: async (ms) => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        await heartbeat();
      },
      stillOwned: () => isRunning() && !isStale(),
      onFailure: (error, transient) =>
        this.options.log(transient ? 'warn' : 'error', 'batch failed; retrying', {
          topic: batch.topic,
          partition: batch.partition,
          error: describeFailure(error),
          transient,
        }),
    };
  }

  private async sendToDeadLetters(topic: string, partition: number, rejected: RejectedMessage[]): Promise<void> {
    if (rejected.length === 0) return;
    await this.deadLetters.send(topic, partition, rejected);
    this.options.log('warn', 'messages sent to the dead-letter topic', {
      topic,
      partition,
      offsets: rejected.map((entry) => entry.message.offset),
      reasons: rejected.map((entry) => entry.reason),
      // A rejected message's headers are the sender's: what is logged of them is bounded.
      correlationIds: rejected.map((entry) => entry.message.headers?.['correlation-id']?.toString().slice(0, 100) ?? null),
    });
  }

  /**
   * Every handler of the topic, in turn: each app feature consuming it keeps its own inbox.
   * What a handler refuses by rule (its verdict) is answered as isolated, for the DLQ.
   */
  private async dispatch(topic: string, partition: number, part: Delivered[]): Promise<Array<Isolated<Delivered>>> {
    let handler: MessageHandler | undefined = this.messageHandlers.get(topic);
    if (!handler) throw new Error(`no handler for ${topic}`);
    const batch: ConsumedBatch = { topic, partition, events: part.map((delivered) => delivered.event) };
    const byEventId = new Map(part.map((delivered) => [eventIdOf(delivered.event), delivered]));
    const refused: Array<Isolated<Delivered>> = [];
    const correlation = correlationOf(part.map((delivered) => correlationIdOf(delivered.event)));
    for (; handler; handler = handler.next) {
      const handle = handler;
      const answer: unknown = await withCorrelation(correlation, async () => lastValueFrom(this.transformToObservable(await handle(batch)), { defaultValue: undefined }));
      for (const { eventId, reason } of refusals(answer)) {
        const delivered = byEventId.get(eventId);
        if (delivered) refused.push({ item: delivered, reason });
      }
    }
    return refused;
  }
}

function validated(topic: string, messages: KafkaMessage[]): { valid: Delivered[]; rejected: RejectedMessage[] } {
  const valid: Delivered[] = [];
  const rejected: RejectedMessage[] = [];
  for (const message of messages) {
    const parsed = parseEvent(topic, message.value);
    if (!parsed.ok) {
      rejected.push({ message, reason: parsed.reason });
      continue;
    }
    const event = { event: parsed.value, key: message.key?.toString() ?? null, offset: message.offset, headers: message.headers ?? {} };
    valid.push({ event, message });
  }
  return { valid, rejected };
}

const eventIdOf = (consumed: ConsumedEvent): string => (consumed.event as { eventId: string }).eventId;
const correlationIdOf = (consumed: ConsumedEvent): string => (consumed.event as { correlationId: string }).correlationId;

function refusals(answer: unknown): Array<{ eventId: string; reason: string }> {
  const rejected = (answer as { rejected?: unknown } | undefined)?.rejected;
  return Array.isArray(rejected) ? rejected : [];
}
