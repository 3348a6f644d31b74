import { EnvReader, readServiceConfig, ServiceConfig } from '@faultline/platform';

export interface IdentityConfig {
  service: ServiceConfig;
  accessTokenTtlSeconds: number;
  /** Guards the internal endpoints the platform calls (accounts, plans). */
  internalApiKey: string;
  /** Shared with the notifications app only: seals invitation tokens on identity.events.v1. */
  invitationLinkKey: string;
  invitationTtlHours: number;
  /** The longest wait failed sign-ins impose (sign-in-backoff.ts). */
  signInMaxWaitSeconds: number;
  /** scrypt's cost as a power of two: 17 (OWASP's floor) unless a test makes hashing cheap. */
  passwordHashCostLog2: number;
}

export const IDENTITY_CONFIG = Symbol('IdentityConfig');

export function loadIdentityConfig(env: NodeJS.ProcessEnv): IdentityConfig {
  const reader = new EnvReader(env);
  const config: IdentityConfig = {
    service: readServiceConfig('identity', reader),
    accessTokenTtlSeconds: reader.integer('ACCESS_TOKEN_TTL_SECONDS', 3_600, { min: 60, max: 86_400 }),
    internalApiKey: reader.secret('INTERNAL_API_KEY', 16),
    invitationLinkKey: reader.secret('INVITATION_LINK_KEY', 32),
    invitationTtlHours: reader.integer('INVITATION_TTL_HOURS', 168, { min: 1, max: 24 * 90 }),
    signInMaxWaitSeconds: reader.integer('SIGN_IN_MAX_WAIT_SECONDS', 900, { min: 1, max: 86_400 }),
    passwordHashCostLog2: reader.integer('PASSWORD_HASH_COST_LOG2', 17, { min: 14, max: 20 }),
  };
  reader.done();
  return config;
}
