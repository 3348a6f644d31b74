import type { InfrastructureProcess } from '@faultline/local-infra';
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
