import { Kafka, logLevel } from 'kafkajs';
import fs from 'node:fs';
import { startKafkaContainer, startPostgresContainer } from './containers';
import { dockerEngineAnswers } from './docker';
import { startEmbeddedPostgres } from './postgres/embedded-postgres';
import type { RunningService } from './running-service';
import { KafkaMockSupervisor } from './kafka-mock/kafka-mock.supervisor';
import type { TopicSpec } from './kafka-mock/mock-cluster.protocol';
import { startSmtpSink } from './smtp-sink';

export type { TopicSpec };
export type Provenance = 'environment' | 'container' | 'embedded';

export interface InfrastructureOptions {
  dataDir: string;
  ports: { postgres: number; kafka: number; smtp: number };
  topics: TopicSpec[];
  /** For throw-away test data: PostgreSQL without fsync. */
  disposable?: boolean;
  log: (line: string) => void;
  onKafkaCrash?: (description: string) => void;
}

export interface Infrastructure {
  databaseUrl: string;
  kafkaBrokers: string;
  smtpUrl: string;
  /** Where the embedded SMTP sink keeps messages; absent when SMTP_URL points elsewhere. */
  mailDir?: string;
  provenance: { postgres: Provenance; kafka: Provenance; smtp: Provenance };
  /** True when Kafka is librdkafka's mock cluster, whose limits clients must respect. */
  kafkaIsMock: boolean;
  stop(): Promise<void>;
}

/**
 * One rule for `npm start` and the tests alike: a service named by DATABASE_URL, KAFKA_BROKERS
 * or SMTP_URL is used as it is; otherwise a container when a Docker engine answers; otherwise
 * an embedded one started here.
 */
export async function startInfrastructure(options: InfrastructureOptions): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  fs.mkdirSync(options.dataDir, { recursive: true });
  const docker = await dockerEngineAnswers();
  const source = (variable: string): Provenance =>
    process.env[variable] ? 'environment' : docker ? 'container' : 'embedded';
  try {
    const postgres = await startPostgres(source('DATABASE_URL'), options);
    stops.push(postgres.stop);
    const kafka = await startKafka(source('KAFKA_BROKERS'), options);
    stops.push(kafka.stop);
    const smtp = await startSmtp(options);
    stops.push(smtp.stop);
    return {
      databaseUrl: postgres.url,
      kafkaBrokers: kafka.url,
      smtpUrl: smtp.url,
      mailDir: smtp.mailDir,
      provenance: {
        postgres: source('DATABASE_URL'),
        kafka: source('KAFKA_BROKERS'),
        smtp: process.env.SMTP_URL ? 'environment' : 'embedded',
      },
      kafkaIsMock: kafka.isMock,
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}

async function stopAll(stops: Array<() => Promise<void>>): Promise<void> {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
}

const keep = (url: string): RunningService => ({ url, stop: async () => undefined });

async function startPostgres(provenance: Provenance, options: InfrastructureOptions): Promise<RunningService> {
  if (provenance === 'environment') return keep(process.env.DATABASE_URL!);
  if (provenance === 'container') return startPostgresContainer();
  return startEmbeddedPostgres({
    dataDir: options.dataDir,
    port: options.ports.postgres,
    unsafeFast: options.disposable,
    log: options.log,
  });
}

async function startKafka(
  provenance: Provenance,
  options: InfrastructureOptions,
): Promise<RunningService & { isMock: boolean }> {
  if (provenance === 'embedded') {
    const supervisor = new KafkaMockSupervisor({
      port: options.ports.kafka,
      topics: options.topics,
      log: options.log,
      onCrash: options.onKafkaCrash,
    });
    const url = await supervisor.start();
    return { url, isMock: true, stop: () => supervisor.stop() };
  }
  const broker = provenance === 'environment' ? keep(process.env.KAFKA_BROKERS!) : await startKafkaContainer();
  await createTopics(broker.url, options.topics);
  return { ...broker, isMock: false };
}

async function createTopics(brokers: string, topics: TopicSpec[]): Promise<void> {
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.ERROR }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic: topic.name, numPartitions: topic.partitions })),
    });
  } finally {
    await admin.disconnect();
  }
}

async function startSmtp(options: InfrastructureOptions): Promise<RunningService & { mailDir?: string }> {
  if (process.env.SMTP_URL) return keep(process.env.SMTP_URL);
  return startSmtpSink({ dataDir: options.dataDir, port: options.ports.smtp });
}
