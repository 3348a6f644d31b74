import { readSeverity, SeverityInput } from '../classification/severity';
import type { StepType } from '../error.events';

/**
 * Seed 002's retry rule: a failed custom action is retried automatically, with backoff, for
 * 30 minutes from its first attempt — unless the app answered with a 4xx status or a severity
 * code. Webhooks are never retried. Every other step fails at once. Only when retrying stops
 * does the failure become an open error.
 */
export interface RetryPolicySettings {
  /** How long after the first attempt retries may still start (seed: 30 minutes). */
  windowMs: number;
  /** The wait before the first retry; each next one doubles it, up to `maxDelayMs`. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export const SEED_RETRY_POLICY: RetryPolicySettings = { windowMs: 30 * 60_000, initialDelayMs: 30_000, maxDelayMs: 5 * 60_000 };

export interface FailedAttempt extends SeverityInput {
  stepType: StepType;
  /** 1 for the first attempt. */
  attempt: number;
  firstAttemptAt: Date;
}

export type NoRetryReason = 'not_a_custom_action' | 'webhook' | 'client_error' | 'severity_code' | 'window_closed';

export type RetryDecision = { retry: true; attempt: number; notBefore: Date } | { retry: false; reason: NoRetryReason };

export function decideRetry(failure: FailedAttempt, now: Date, settings: RetryPolicySettings): RetryDecision {
  if (failure.stepType === 'webhook') return { retry: false, reason: 'webhook' };
  if (failure.stepType !== 'custom_action') return { retry: false, reason: 'not_a_custom_action' };
  if (readSeverity(failure)) return { retry: false, reason: 'severity_code' };
  if (failure.httpStatus !== undefined && failure.httpStatus >= 400 && failure.httpStatus <= 499) {
    return { retry: false, reason: 'client_error' };
  }
  const delay = Math.min(settings.initialDelayMs * 2 ** (failure.attempt - 1), settings.maxDelayMs);
  const notBefore = new Date(now.getTime() + delay);
  const windowEnds = failure.firstAttemptAt.getTime() + settings.windowMs;
  if (notBefore.getTime() > windowEnds) return { retry: false, reason: 'window_closed' };
  return { retry: true, attempt: failure.attempt + 1, notBefore };
}
