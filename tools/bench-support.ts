import type { InfrastructureProcess } from '@faultline/local-infra';
import type { Admin } from 'kafkajs';
import os from 'node:os';

export const BENCH_JWT_SECRET = 'bench-jwt-secret-that-is-long-enough-32';

/** What every benchmarked service reads: the spawned infrastructure, fast group joins, HTTP on any port. */
export function benchEnvironment(infrastructure: InfrastructureProcess, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: infrastructure.databaseUrl,
    KAFKA_BROKERS: infrastructure.kafkaBrokers,
    KAFKA_IDEMPOTENT_PRODUCER: String(!infrastructure.kafkaIsMock),
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    KAFKA_REBALANCE_TIMEOUT_MS: '6000',
    KAFKA_HEARTBEAT_INTERVAL_MS: '500',
    SMTP_URL: infrastructure.smtpUrl,
    ERRORS_HTTP_PORT: '0',
    ASSIGNMENT_HTTP_PORT: '0',
    NOTIFICATIONS_HTTP_PORT: '0',
    JWT_SECRET: BENCH_JWT_SECRET,
    INTERNAL_API_KEY: 'bench-internal-api-key',
    INVITATION_LINK_KEY: 'bench-invitation-link-key-at-least-32-chars',
    ...overrides,
  };
}

/** The first line of every benchmark's figures: where they were measured. */
export const machineLine = (): string =>
  `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`;

/** The value at percentile `p` of ascending `sorted` values. */
export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * Messages of `topic` the consumer group has not committed yet. The backlog caps and the waits
 * count these rather than rows: a `count(*)` of a growing table, asked every 50 ms, was a tenth
 * of PostgreSQL's time during the ingest.
 */
async function unconsumed(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = new Map(partitions.map(({ partition, offset }) => [partition, Number(offset)]));
  const ends = await admin.fetchTopicOffsets(topic);
  return ends.reduce((sum, { partition, high, low }) => sum + Number(high) - Math.max(Number(low), committed.get(partition) ?? -1), 0);
}

/** Waits until the group has at most `most` messages of `topic` left to commit. */
export async function backlogAtMost(admin: Admin, groupId: string, topic: string, most: number, timeoutMs = 300_000): Promise<void> {
  const started = Date.now();
  while ((await unconsumed(admin, groupId, topic)) > most) {
    if (Date.now() - started > timeoutMs) throw new Error(`${groupId} left more than ${most} messages of ${topic} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
