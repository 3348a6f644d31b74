import { Client } from 'pg';
import { randomBytes } from 'node:crypto';

/** The infrastructure the global setup (or `npm test`) provided. */
export function testInfrastructure() {
  const databaseUrl = process.env.DATABASE_URL;
  const kafkaBrokers = process.env.KAFKA_BROKERS;
  if (!databaseUrl || !kafkaBrokers) throw new Error('DATABASE_URL and KAFKA_BROKERS are not set: is the jest preset used?');
  return {
    databaseUrl,
    kafkaBrokers: kafkaBrokers.split(','),
    kafkaIsMock: process.env.FAULTLINE_KAFKA_IS_MOCK !== 'false',
  };
}

/** Shared by every service a test starts, as in production, so tokens verify across them. */
export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-for-hs256';
export const TEST_INTERNAL_API_KEY = 'test-internal-api-key';
export const TEST_INVITATION_LINK_KEY = 'test-invitation-link-key-of-32-chars-or-more';

export const uniqueName = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

/** A new, empty database on the test server, so suites never see each other's rows. */
export async function freshDatabaseUrl(label: string): Promise<string> {
  const name = uniqueName(`t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`).slice(0, 63);
  const admin = new Client({ connectionString: testInfrastructure().databaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testInfrastructure().databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A topic prefix of its own, so suites sharing one broker never read each other's messages. */
export const uniqueTopicPrefix = (): string => `${uniqueName('t')}.`;

/** What every service under test shares: group timings that join in seconds, a quick relay, the test secrets. */
export const TEST_SERVICE_SETTINGS = {
  KAFKA_SESSION_TIMEOUT_MS: '6000',
  KAFKA_REBALANCE_TIMEOUT_MS: '6000',
  KAFKA_HEARTBEAT_INTERVAL_MS: '500',
  KAFKA_MAX_WAIT_MS: '100',
  OUTBOX_POLL_INTERVAL_MS: '50',
  JWT_SECRET: TEST_JWT_SECRET,
  INTERNAL_API_KEY: TEST_INTERNAL_API_KEY,
  INVITATION_LINK_KEY: TEST_INVITATION_LINK_KEY,
  // Long enough for identity's announcement of a new account to reach the errors and
  // notifications services while every project's tests load the machine (3 s was seen to fall short in CI).
  UNKNOWN_ACCOUNT_GRACE_MS: '8000',
  // Hashing at scrypt's 2^17 would add a third of a second to every account and sign-in.
  PASSWORD_HASH_COST_LOG2: '14',
} as const;

/**
 * Environment variables for running a service in a test: a fresh database, its own topics, any
 * free HTTP port, and group timings short enough that consumers join in seconds. Tests read it
 * with the service's own configuration loader, so that path is exercised too.
 */
export async function testServiceEnvironment(
  service: string,
  overrides: { topicPrefix?: string; httpPort?: number } = {},
): Promise<NodeJS.ProcessEnv> {
  const infrastructure = testInfrastructure();
  const prefix = service.toUpperCase();
  return {
    ...process.env,
    [`${prefix}_DATABASE_URL`]: await freshDatabaseUrl(service),
    [`${prefix}_HTTP_PORT`]: String(overrides.httpPort ?? 0),
    HTTP_HOST: '127.0.0.1',
    KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
    KAFKA_TOPIC_PREFIX: overrides.topicPrefix ?? uniqueTopicPrefix(),
    KAFKA_IDEMPOTENT_PRODUCER: String(!infrastructure.kafkaIsMock),
    ...TEST_SERVICE_SETTINGS,
  };
}
