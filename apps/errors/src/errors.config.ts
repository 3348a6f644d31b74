import { EnvReader, readServiceConfig, ServiceConfig } from '@faultline/platform';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from './errors/retention/retention.decider';
import { RetryPolicySettings, SEED_RETRY_POLICY } from './errors/retries/retry.policy';

export interface ErrorsConfig {
  service: ServiceConfig;
  retryPolicy: RetryPolicySettings;
  /** The platform's key for `/internal/*` (runtimes reporting over HTTP). */
  internalApiKey: string;
  /**
   * How long a report of an account this service has not heard of yet waits for identity's
   * announcement (it travels on another topic) before it goes to the DLQ as UNKNOWN_ACCOUNT.
   */
  unknownAccountGraceMs: number;
  retention: {
    /** Days an error is kept after it last occurred, for accounts that did not choose. */
    defaultDays: number;
    /** How often the purge runs. */
    sweepIntervalMs: number;
  };
  /** The list counts matching errors up to this many; beyond, it says "at least" (counting a million rows takes a second). */
  listTotalCap: number;
}

export const ERRORS_CONFIG = Symbol('ErrorsConfig');

const MILLIS = { min: 1, max: 24 * 3_600_000 };

export function loadErrorsConfig(env: NodeJS.ProcessEnv): ErrorsConfig {
  const reader = new EnvReader(env);
  const config: ErrorsConfig = {
    service: readServiceConfig('errors', reader),
    retryPolicy: {
      windowMs: reader.integer('RETRY_WINDOW_MS', SEED_RETRY_POLICY.windowMs, MILLIS),
      initialDelayMs: reader.integer('RETRY_INITIAL_DELAY_MS', SEED_RETRY_POLICY.initialDelayMs, MILLIS),
      maxDelayMs: reader.integer('RETRY_MAX_DELAY_MS', SEED_RETRY_POLICY.maxDelayMs, MILLIS),
    },
    internalApiKey: reader.secret('INTERNAL_API_KEY', 16),
    unknownAccountGraceMs: reader.integer('UNKNOWN_ACCOUNT_GRACE_MS', 10_000, { min: 0, max: 600_000 }),
    retention: {
      defaultDays: reader.integer('RETENTION_DAYS', 30, { min: MIN_RETENTION_DAYS, max: MAX_RETENTION_DAYS }),
      sweepIntervalMs: reader.integer('RETENTION_SWEEP_INTERVAL_MS', 3_600_000, { min: 1_000, max: 7 * 24 * 3_600_000 }),
    },
    listTotalCap: reader.integer('ERRORS_LIST_TOTAL_CAP', 1_000, { min: 1, max: 10_000_000 }),
  };
  reader.done();
  return config;
}
