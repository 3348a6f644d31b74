import { Consumer, IHeaders, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { eventually } from './eventually';
import { testInfrastructure } from './test-environment';

export interface ReceivedMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/** What a test sees of one topic: every message since the beginning, as it arrives. */
export class TopicRecorder {
  readonly messages: ReceivedMessage[] = [];

  json<T = Record<string, unknown>>(): T[] {
    return this.messages.map((message) => JSON.parse(message.value) as T);
  }

  async waitFor(count: number, timeoutMs = 20_000): Promise<ReceivedMessage[]> {
    return eventually(() => {
      if (this.messages.length < count) throw new Error(`received ${this.messages.length} of ${count} messages`);
      return this.messages;
    }, timeoutMs);
  }
}

const JOIN_TIMEOUT_MS = 30_000;
const JOIN_ATTEMPTS = 5;

/** Publishes and reads messages on a test's own topics (its prefix), like any other client. */
export class KafkaTestClient {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private readonly consumers: Consumer[] = [];

  constructor(private readonly topicPrefix: string) {
    this.kafka = new Kafka({ brokers: testInfrastructure().kafkaBrokers, clientId: 'faultline-test', logLevel: logLevel.NOTHING });
  }

  topic(name: string): string {
    return `${this.topicPrefix}${name}`;
  }

  async publish(topic: string, messages: Array<{ key?: string; value: string | object; headers?: IHeaders }>): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    await this.producer.send({
      topic: this.topic(topic),
      acks: -1,
      messages: messages.map(({ key, value, headers }) => ({
        key: key ?? null,
        value: typeof value === 'string' ? value : JSON.stringify(value),
        headers,
      })),
    });
  }

  /**
   * Waits until a consumer group has handled everything published so far on these topics: its
   * committed offsets reach each partition's end as it was when asked. Before a test moves a
   * clock, it makes "what the test published reached the service" a fact, not a guess.
   */
  async caughtUp(groupId: string, topics: string[], timeoutMs = 20_000): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const names = topics.map((topic) => this.topic(topic));
      const ends = new Map<string, bigint>();
      for (const topic of names) for (const { partition, high } of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}[${partition}]`, BigInt(high));
      await eventually(async () => {
        for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: names })) {
          for (const { partition, offset } of partitions) {
            const end = ends.get(`${topic}[${partition}]`) ?? 0n;
            const committed = offset === '-1' ? 0n : BigInt(offset);
            if (committed < end) throw new Error(`${groupId} has handled ${committed} of ${end} messages of ${topic}[${partition}]`);
          }
        }
      }, timeoutMs);
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * What of a topic a consumer group has not handled yet: `unread` messages, and how many of
   * them the broker already deleted (`deletedUnread`: its committed offset is below the oldest
   * message kept). A committed offset beyond what the broker holds (carried over a restarted
   * embedded broker) counts as nothing handled: the group will read from the start of what is there.
   */
  async backlog(groupId: string, topic: string): Promise<{ unread: number; deletedUnread: number }> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const name = this.topic(topic);
      const committed = new Map<number, bigint>();
      for (const { partitions } of await admin.fetchOffsets({ groupId, topics: [name] })) {
        for (const { partition, offset } of partitions) committed.set(partition, BigInt(offset));
      }
      let [unread, deletedUnread] = [0n, 0n];
      for (const { partition, low, high } of await admin.fetchTopicOffsets(name)) {
        const [start, end] = [BigInt(low), BigInt(high)];
        const handled = committed.get(partition) ?? -1n;
        unread += handled >= start && handled <= end ? end - handled : end - start;
        if (handled >= 0n && handled < start) deletedUnread += start - handled;
      }
      return { unread: Number(unread), deletedUnread: Number(deletedUnread) };
    } finally {
      await admin.disconnect();
    }
  }

  /**
   * Reads a topic from its beginning, as it comes. A reader that has not joined its group within
   * JOIN_TIMEOUT_MS (seen on a restarted embedded broker) is replaced by one in a fresh group.
   */
  async record(topic: string): Promise<TopicRecorder> {
    for (let attempt = 1; ; attempt++) {
      const recorder = await this.tryRecording(topic);
      if (recorder) return recorder;
      if (attempt === JOIN_ATTEMPTS) throw new Error(`a reader of ${this.topic(topic)} never joined its group (${JOIN_ATTEMPTS} tries)`);
    }
  }

  private async tryRecording(topic: string): Promise<TopicRecorder | undefined> {
    const consumer = this.kafka.consumer({
      groupId: `recorder-${randomUUID()}`,
      sessionTimeout: 6_000,
      rebalanceTimeout: 6_000,
      heartbeatInterval: 500,
      maxWaitTimeInMs: 100,
    });
    const recorder = new TopicRecorder();
    const joined = new Promise<boolean>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve(true));
      setTimeout(() => resolve(false), JOIN_TIMEOUT_MS).unref();
    });
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic(topic), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message, partition }) => {
        recorder.messages.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
          partition,
          offset: message.offset,
        });
      },
    });
    if (!(await joined)) {
      await consumer.disconnect().catch(() => undefined);
      return undefined;
    }
    this.consumers.push(consumer);
    return recorder;
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.disconnect()));
    await this.producer?.disconnect();
  }
}
