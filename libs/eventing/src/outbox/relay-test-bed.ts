import { freshDatabaseUrl, KafkaTestClient, openTestDataSource, testInfrastructure, uniqueTopicPrefix } from '@faultline/testing';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { TopicNames } from '../kafka/topic-names';
import type { RelayLoop } from './relay-loop';

/**
 * What a relay's tests run against: a fresh database, a producer and the test's own topics on
 * the real broker. Registers jest's hooks: relays it was given are stopped after each test.
 */
export function relayTestBed(database: string, migrations: NonNullable<DataSourceOptions['migrations']>) {
  const relays: RelayLoop[] = [];
  const bed = {} as { dataSource: DataSource; producer: Producer; kafka: KafkaTestClient; topics: TopicNames };

  beforeAll(async () => {
    bed.dataSource = await openTestDataSource(await freshDatabaseUrl(database), migrations);
    const prefix = uniqueTopicPrefix();
    bed.topics = new TopicNames(prefix);
    bed.kafka = new KafkaTestClient(prefix);
    bed.producer = new Kafka({ brokers: testInfrastructure().kafkaBrokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await bed.producer.connect();
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });

  afterAll(async () => {
    await bed.kafka?.close();
    await bed.producer?.disconnect();
    await bed.dataSource?.destroy();
  });

  return Object.assign(bed, {
    /** Stops the relay after the test. */
    tracked<R extends RelayLoop>(relay: R): R {
      relays.push(relay);
      return relay;
    },
  });
}
