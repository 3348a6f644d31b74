import { eventually } from '@faultline/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { KafkaMockSupervisor } from './kafka-mock.supervisor';

const kafkaAt = (brokers: string) =>
  new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 100 } });

async function roundTrip(brokers: string, topic: string): Promise<string> {
  const kafka = kafkaAt(brokers);
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await producer.send({ topic, messages: [{ key: 'k', value: 'hello' }] });
  await producer.disconnect();
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return offsets.map((offset) => offset.high).join(',');
}

describe('the embedded Kafka broker', () => {
  const crashes: string[] = [];
  const supervisor = new KafkaMockSupervisor({
    port: 0,
    topics: [{ name: 'crash.test', partitions: 3 }],
    log: () => undefined,
    onCrash: (description) => crashes.push(description),
  });
  let brokers: string;

  beforeAll(async () => {
    brokers = await supervisor.start();
  });

  afterAll(() => supervisor.stop());

  it('starts with every known topic created at its partition count', async () => {
    const admin = kafkaAt(brokers).admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: ['crash.test'] });
    await admin.disconnect();
    expect(metadata.topics[0].partitions).toHaveLength(3);
  });

  it('after a crash it is reported, restarted on the same bootstrap address, and has its topics again', async () => {
    const firstPid = supervisor.brokerPid!;
    process.kill(firstPid, 'SIGSEGV');

    await eventually(() => expect(crashes).toEqual([expect.stringMatching(/crashed \(code null, signal SIGSEGV\)/)]));
    expect(supervisor.crashCount).toBe(1);
    await eventually(() => expect(supervisor.brokerPid).not.toBe(firstPid));
    const highWatermarks = await eventually(() => roundTrip(brokers, 'crash.test'), 20_000, 250);
    expect(highWatermarks.split(',').map(Number).reduce((sum, high) => sum + high, 0)).toBe(1);
  });
});
