import { EnvReader, readServiceConfig, ServiceConfig } from '@faultline/platform';
import { RetryPolicySettings, SEED_RETRY_POLICY } from './errors/retries/retry.policy';

export interface ErrorsConfig {
  service: ServiceConfig;
  retryPolicy: RetryPolicySettings;
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
  };
  reader.done();
  return config;
}
