import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { backlogAtMost } from './bench-support';

const FLOOR_TOPIC = 'bench.floor.flow.errors.v1';
const FLOOR_GROUP = 'bench-floor';

/**
 * The machine's floor for ingest, measured in the same run: the same reports, published the same
 * way with the same backlog cap, consumed with kafkajs (4 partitions at once) and each partition
 * batch inserted into a plain table in one statement. Nothing Faultline does is in it.
 */
export async function ingestFloor(options: {
  kafka: Kafka;
  producer: Producer;
  /** Reports per request to the broker. */
  chunk: number;
  databaseUrl: string;
  count: number;
  maxBacklog: number;
  /** The embedded broker makes a topic on first use (4 partitions); a real one is asked to. */
  kafkaIsMock: boolean;
  message: (index: number) => { key: string; value: string };
}): Promise<number> {
  const { kafka, producer, count } = options;
  // One connection per partition consumed at once, as the service's pool gives its handlers.
  const client = new Pool({ connectionString: options.databaseUrl, max: 4 });
  await client.query('CREATE TABLE IF NOT EXISTS bench_floor (position bigserial PRIMARY KEY, event_id uuid NOT NULL, report jsonb NOT NULL)');
  const admin = kafka.admin();
  await admin.connect();
  if (options.kafkaIsMock) {
    await producer.send({ topic: FLOOR_TOPIC, messages: [{ key: 'warm-up', value: JSON.stringify({ eventId: '00000000-0000-4000-8000-000000000000' }) }] });
  } else {
    await admin.createTopics({ topics: [{ topic: FLOOR_TOPIC, numPartitions: 4 }], waitForLeaders: true });
  }

  const consumer = kafka.consumer({ groupId: FLOOR_GROUP, sessionTimeout: 6_000, rebalanceTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic: FLOOR_TOPIC, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 4,
    eachBatch: async ({ batch }) => {
      const reports = batch.messages.map((message) => JSON.parse(message.value!.toString()) as { eventId: string });
      await client.query('INSERT INTO bench_floor (event_id, report) SELECT * FROM unnest($1::uuid[], $2::jsonb[])', [
        reports.map((report) => report.eventId),
        reports.map((report) => JSON.stringify(report)),
      ]);
    },
  });
  const warmUp = options.kafkaIsMock ? 1 : 0;
  const inserted = async () => Number((await client.query('SELECT count(*) FROM bench_floor')).rows[0].count) - warmUp;
  const started = Date.now();
  for (let start = 0; start < count; start += options.chunk) {
    await backlogAtMost(admin, FLOOR_GROUP, FLOOR_TOPIC, options.maxBacklog);
    const messages = Array.from({ length: Math.min(options.chunk, count - start) }, (_, offset) => options.message(start + offset));
    await producer.send({ topic: FLOOR_TOPIC, acks: -1, messages });
  }
  // Offsets are committed after each batch's insert: once all are, the rows are there.
  await backlogAtMost(admin, FLOOR_GROUP, FLOOR_TOPIC, 0);
  while ((await inserted()) < count) await new Promise((resolve) => setTimeout(resolve, 50));
  const seconds = (Date.now() - started) / 1000;
  await admin.disconnect();
  await consumer.disconnect();
  await client.query('DROP TABLE bench_floor');
  await client.end();
  return seconds;
}
