import { parseEvent } from '@faultline/contracts';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import type { BatchVerdict, ConsumedBatch, ConsumedEvent } from './consumed-batch';
import { DeadLetters, RejectedMessage } from './dead-letters';
import type { KafkaLog, KafkaSettings } from './kafka.settings';
import { TopicNames } from './topic-names';

export interface KafkaBatchServerOptions {
  kafka: Kafka;
  settings: KafkaSettings;
  groupId: string;
  producer: Producer;
  log: KafkaLog;
}

/**
 * A Nest microservice transport that consumes whole batches. For each partition batch it
 * validates every message against its contract, hands the valid ones to the `@EventPattern`
 * handler of the topic, sends the invalid ones to the DLQ, and only then commits the offset.
 * Any failure leaves the offset where it was, so the batch is delivered again: handlers are
 * idempotent (see Inbox), which makes that safe.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private readonly topicNames: TopicNames;
  private readonly deadLetters: DeadLetters;

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
    this.topicNames = new TopicNames(options.settings.topicPrefix);
    this.deadLetters = new DeadLetters(options.producer, options.groupId);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = [...this.messageHandlers.keys()];
      if (topics.length > 0) await this.startConsumer(topics);
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  on(): never {
    throw new Error('KafkaBatchServer has no status events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async startConsumer(topics: string[]): Promise<void> {
    const { settings } = this.options;
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      maxWaitTimeInMs: settings.maxWaitTimeMs,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: topics.map((topic) => this.topicNames.resolve(topic)), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Order holds within a partition, which is all the keys promise; partitions run side by side.
      partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async handleBatch({ batch, heartbeat, resolveOffset }: EachBatchPayload): Promise<void> {
    if (batch.messages.length === 0) return;
    const topic = this.topicNames.contractTopic(batch.topic) ?? batch.topic;
    const valid: ConsumedEvent[] = [];
    const rejected: RejectedMessage[] = [];
    const byEventId = new Map<string, KafkaMessage>();
    for (const message of batch.messages) {
      const parsed = parseEvent(topic, message.value);
      if (parsed.ok) {
        valid.push({ event: parsed.value, key: message.key?.toString() ?? null, offset: message.offset, headers: message.headers ?? {} });
        byEventId.set((parsed.value as unknown as { eventId: string }).eventId, message);
      } else {
        rejected.push({ message, reason: parsed.reason });
      }
    }
    if (valid.length > 0) {
      const verdict = await this.dispatch({ topic, partition: batch.partition, events: valid });
      for (const { eventId, reason } of verdict?.rejected ?? []) {
        const message = byEventId.get(eventId);
        if (message) rejected.push({ message, reason });
      }
    }
    await this.deadLetters.send(batch.topic, batch.partition, rejected);
    if (rejected.length > 0) {
      this.options.log('warn', 'messages sent to the dead-letter topic', {
        topic: batch.topic,
        partition: batch.partition,
        offsets: rejected.map((entry) => entry.message.offset),
        reasons: rejected.map((entry) => entry.reason),
      });
    }
    resolveOffset(batch.lastOffset());
    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    await this.consumer!.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
    await heartbeat();
  }

  /** Every handler of the topic, in turn: each app feature consuming it keeps its own inbox. */
  private async dispatch(batch: ConsumedBatch): Promise<BatchVerdict | undefined> {
    let handler: MessageHandler | undefined = this.messageHandlers.get(batch.topic);
    if (!handler) throw new Error(`no handler for ${batch.topic}`);
    const rejected: BatchVerdict['rejected'] = [];
    for (; handler; handler = handler.next) {
      const answer: unknown = await lastValueFrom(this.transformToObservable(await handler(batch)), { defaultValue: undefined });
      if (isVerdict(answer)) rejected.push(...answer.rejected);
    }
    return { rejected };
  }
}

const isVerdict = (answer: unknown): answer is BatchVerdict =>
  typeof answer === 'object' && answer !== null && Array.isArray((answer as BatchVerdict).rejected);
