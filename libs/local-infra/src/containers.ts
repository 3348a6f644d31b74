import type { RunningService } from './running-service';

const POSTGRES_IMAGE = 'postgres:17-alpine';
const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.8.0';

/** PostgreSQL and Apache Kafka (KRaft) in containers, for machines with a Docker engine. */
export async function startPostgresContainer(): Promise<RunningService> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(POSTGRES_IMAGE)
    .withCommand(['postgres', '-c', 'max_connections=400'])
    .start();
  return {
    url: container.getConnectionUri(),
    stop: async () => void (await container.stop()),
  };
}

export async function startKafkaContainer(): Promise<RunningService> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer(KAFKA_IMAGE).withKraft().start();
  return {
    url: `${container.getHost()}:${container.getMappedPort(9093)}`,
    stop: async () => void (await container.stop()),
  };
}
