import type { KafkaSettings } from '@faultline/eventing';
import { EnvReader } from './env-reader';

export type ServiceName = 'errors' | 'assignment' | 'identity' | 'notifications';

export const DEFAULT_HTTP_PORTS: Record<ServiceName, number> = {
  errors: 3001,
  assignment: 3002,
  identity: 3003,
  notifications: 3004,
};

/** What every Faultline service needs, validated once at start-up. */
export interface ServiceConfig {
  service: ServiceName;
  httpPort: number;
  httpHost: string;
  /**
   * Proxies in front of the service whose X-Forwarded-For is believed (Express's `trust proxy`:
   * a hop count or addresses); off by default, so a client cannot choose the address sign-in
   * throttling counts.
   */
  trustProxy: string | false;
  /** This service's own database; no other service reads it. */
  databaseUrl: string;
  kafka: KafkaSettings;
  /** Published rows are deleted `retentionHours` after publication, checked every `purgeIntervalMs`. */
  outbox: { batchSize: number; pollIntervalMs: number; retentionHours: number; purgeIntervalMs: number };
  /** Identity signs access tokens with it; every service checks them with it. */
  jwtSecret: string;
}

const PORT = { min: 0, max: 65_535 };
const MILLIS = { min: 1, max: 3_600_000 };

/**
 * `<SERVICE>_DATABASE_URL` names the service's database; without it the service uses its own
 * database `faultline_<service>` on the server that `DATABASE_URL` points at.
 */
export function readServiceConfig(service: ServiceName, reader: EnvReader): ServiceConfig {
  const prefix = service.toUpperCase();
  const postgres = ['postgres:', 'postgresql:'];
  const ownDatabase = reader.optional(`${prefix}_DATABASE_URL`);
  const databaseUrl = ownDatabase
    ? reader.url(`${prefix}_DATABASE_URL`, postgres)
    : withDatabase(reader.url('DATABASE_URL', postgres), `faultline_${service}`);
  return {
    service,
    httpPort: reader.integer(`${prefix}_HTTP_PORT`, DEFAULT_HTTP_PORTS[service], PORT),
    httpHost: reader.string('HTTP_HOST', '127.0.0.1'),
    trustProxy: reader.optional('HTTP_TRUST_PROXY') ?? false,
    databaseUrl,
    kafka: {
      brokers: reader.string('KAFKA_BROKERS').split(',').map((broker) => broker.trim()).filter(Boolean),
      clientId: `faultline-${service}`,
      topicPrefix: reader.string('KAFKA_TOPIC_PREFIX', ''),
      idempotentProducer: reader.boolean('KAFKA_IDEMPOTENT_PRODUCER', true),
      sessionTimeoutMs: reader.integer('KAFKA_SESSION_TIMEOUT_MS', 30_000, MILLIS),
      rebalanceTimeoutMs: reader.integer('KAFKA_REBALANCE_TIMEOUT_MS', 60_000, MILLIS),
      heartbeatIntervalMs: reader.integer('KAFKA_HEARTBEAT_INTERVAL_MS', 3_000, MILLIS),
      maxWaitTimeMs: reader.integer('KAFKA_MAX_WAIT_MS', 100, MILLIS),
      partitionsConsumedConcurrently: reader.integer('KAFKA_PARTITIONS_CONCURRENTLY', 4, { min: 1, max: 64 }),
      handlerAttempts: reader.integer('KAFKA_HANDLER_ATTEMPTS', 3, { min: 1, max: 100 }),
      handlerBackoffMs: reader.integer('KAFKA_HANDLER_BACKOFF_MS', 200, MILLIS),
      consumerRestartDelayMs: reader.integer('KAFKA_CONSUMER_RESTART_MS', 2_000, MILLIS),
      stuckAfterMs: reader.integer('CONSUMER_STUCK_AFTER_MS', 60_000, MILLIS),
    },
    outbox: {
      batchSize: reader.integer('OUTBOX_BATCH_SIZE', 500, { min: 1, max: 10_000 }),
      pollIntervalMs: reader.integer('OUTBOX_POLL_INTERVAL_MS', 200, MILLIS),
      retentionHours: reader.integer('OUTBOX_RETENTION_HOURS', 24, { min: 0, max: 24 * 90 }),
      purgeIntervalMs: reader.integer('OUTBOX_PURGE_INTERVAL_MS', 600_000, MILLIS),
    },
    jwtSecret: reader.secret('JWT_SECRET', 32),
  };
}

/** The consumer group every instance of a service joins. */
export const consumerGroupId = (config: ServiceConfig): string => `${config.kafka.topicPrefix}faultline-${config.service}`;

function withDatabase(serverUrl: string, database: string): string {
  if (!serverUrl) return serverUrl;
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    return url.toString();
  } catch {
    return serverUrl;
  }
}

/** Reads and validates a service's configuration, failing with every problem at once. */
export function loadServiceConfig(service: ServiceName, env: NodeJS.ProcessEnv): ServiceConfig {
  const reader = new EnvReader(env);
  const config = readServiceConfig(service, reader);
  reader.done();
  return config;
}
