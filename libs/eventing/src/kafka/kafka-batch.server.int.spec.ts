import { Topics } from '@faultline/contracts';
import { errorOccurred, eventually, KafkaTestClient, testInfrastructure, TopicRecorder, uniqueTopicPrefix } from '@faultline/testing';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import type { ConsumedBatch } from './consumed-batch';
import { ConsumerProgress } from './consumer-progress';
import { KafkaBatchServer } from './kafka-batch.server';
import type { KafkaSettings } from './kafka.settings';

type Report = ReturnType<typeof errorOccurred>;

/** The batch transport against the real broker: what a handler cannot take never stops a partition. */
describe('the Kafka batch transport', () => {
  const prefix = uniqueTopicPrefix();
  const client = new KafkaTestClient(prefix);
  const settings: KafkaSettings = {
    brokers: testInfrastructure().kafkaBrokers,
    clientId: 'transport-test',
    topicPrefix: prefix,
    idempotentProducer: false,
    sessionTimeoutMs: 6_000,
    rebalanceTimeoutMs: 6_000,
    heartbeatIntervalMs: 500,
    maxWaitTimeMs: 100,
    partitionsConsumedConcurrently: 4,
    handlerAttempts: 2,
    handlerBackoffMs: 10,
    consumerRestartDelayMs: 200,
    stuckAfterMs: 60_000,
  };
  const kafka = new Kafka({ brokers: settings.brokers, clientId: settings.clientId, logLevel: logLevel.NOTHING });
  const progress = new ConsumerProgress(settings.stuckAfterMs);
  const handled: string[] = [];
  let producer: Producer;
  let server: KafkaBatchServer;
  let deadLetters: TopicRecorder;

  beforeAll(async () => {
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    server = new KafkaBatchServer({ kafka, settings, groupId: `${prefix}transport`, producer, log: () => undefined, progress });
    // A handler that, like PostgreSQL, cannot take a NUL character: it fails the whole part it is given.
    server.addHandler(
      Topics.flowErrors,
      async (batch: ConsumedBatch<Report>) => {
        if (batch.events.some(({ event }) => event.data.message.includes('\u0000'))) throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
        handled.push(...batch.events.map(({ event }) => event.data.message));
        return { rejected: batch.events.filter(({ event }) => event.accountId === 'acc-unknown').map(({ event }) => ({ eventId: event.eventId, reason: 'UNKNOWN_ACCOUNT: acc-unknown' })) };
      },
      true,
    );
    deadLetters = await client.record(`${Topics.flowErrors}.dlq`);
    await new Promise<void>((resolve, reject) => void server.listen((error) => (error ? reject(error) : resolve())));
  });

  afterAll(async () => {
    await server.close();
    await producer.disconnect();
    await client.close();
  });

  it('handles the messages around one that keeps failing, in order, and dead-letters it with the reason', async () => {
    const reports = ['first', 'second', 'NUL\u0000inside', 'fourth', 'fifth'].map((message) => errorOccurred({ data: { message } }));
    const refused = errorOccurred({ accountId: 'acc-unknown', data: { message: 'of nobody' } });
    await client.publish(Topics.flowErrors, [
      ...reports.slice(0, 2).map((value) => ({ key: 'step-1', value })),
      { key: 'step-1', value: '{"not json' },
      ...reports.slice(2).map((value) => ({ key: 'step-1', value })),
      { key: 'step-1', value: refused },
    ]);
    await eventually(() => expect(handled).toEqual(expect.arrayContaining(['fifth', 'of nobody'])), 30_000);
    expect(handled.filter((message) => message !== 'of nobody')).toEqual(['first', 'second', 'fourth', 'fifth']);
    const letters = await deadLetters.waitFor(3);
    const reasons = letters.map((letter) => [letter.value.includes('NUL') ? 'poison' : letter.value.includes('not json') ? 'garbage' : 'refused', letter.headers['dlq-reason']]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        ['garbage', expect.stringContaining('value is not JSON')],
        ['poison', 'HANDLER_FAILED: Error: invalid byte sequence for encoding "UTF8": 0x00'],
        ['refused', 'UNKNOWN_ACCOUNT: acc-unknown'],
      ]),
    );
    const poison = letters.find((letter) => letter.value.includes('NUL'))!;
    expect(JSON.parse(poison.value)).toEqual(reports[2]);
    expect(poison.headers['dlq-source-topic']).toBe(`${prefix}${Topics.flowErrors}`);
  });

  it('reports per topic what it committed and dead-lettered, and is ready', async () => {
    await eventually(() => {
      const report = progress.report();
      expect(report).toMatchObject({ healthy: true, state: 'running' });
      expect(report.topics[`${prefix}${Topics.flowErrors}`]).toMatchObject({ lag: 0, deadLettered: 3, stuckPartitions: [] });
    });
  });

  it('is not ready once its consumer stopped', async () => {
    await server.close();
    expect(progress.report()).toMatchObject({ healthy: false, state: 'stopped' });
  });
});
