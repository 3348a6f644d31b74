import { CLOCK, Clock } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity.config';
import { backoffPolicies, BackoffPolicy, countersFor, FailureCounter, waitAfter, WINDOW_MS } from './sign-in-backoff';

/**
 * Slows sign-in after failures (sign-in-backoff.ts says how), in PostgreSQL so every identity
 * instance counts the same failures. The right password during a wait is refused too:
 * otherwise the wait would tell a guesser when they had it.
 */
@Injectable()
export class SignInThrottle {
  private readonly policies: Record<FailureCounter, BackoffPolicy>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDENTITY_CONFIG) config: IdentityConfig,
  ) {
    this.policies = backoffPolicies(config.signInMaxWaitSeconds * 1_000);
  }

  /** Milliseconds until this email may try again from this address, or 0: the longest wait any of its counters imposes. */
  async retryAfter(email: string, address: string): Promise<number> {
    const now = this.clock.now().getTime();
    const counters = countersFor(email, address);
    const rows: Array<{ counter: string; failures: number; last_failure_at: Date }> = await this.dataSource.query(
      'SELECT counter, failures, last_failure_at FROM sign_in_failures WHERE counter = ANY($1::text[]) AND last_failure_at > $2',
      [Object.values(counters), new Date(now - WINDOW_MS)],
    );
    const kindOf = new Map(Object.entries(counters).map(([kind, counter]) => [counter, kind as FailureCounter]));
    const heldUntil = rows.map((row) => row.last_failure_at.getTime() + waitAfter(row.failures, this.policies[kindOf.get(row.counter) as FailureCounter]));
    return Math.max(0, ...heldUntil.map((until) => until - now));
  }

  /**
   * One statement for the attempt's three counters; a counter whose last failure left the window
   * counts again from one, and counters nobody failed on within it are forgotten (so spraying
   * made-up emails cannot grow the table for ever).
   */
  async failed(email: string, address: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.query(
      `WITH forgotten AS (DELETE FROM sign_in_failures WHERE last_failure_at < $3 AND NOT (counter = ANY($1::text[])))
       INSERT INTO sign_in_failures AS f (counter, failures, last_failure_at) SELECT counter, 1, $2 FROM unnest($1::text[]) AS counter
       ON CONFLICT (counter) DO UPDATE
         SET failures = CASE WHEN f.last_failure_at < $3 THEN 1 ELSE f.failures + 1 END, last_failure_at = $2`,
      [Object.values(countersFor(email, address)), now, new Date(now.getTime() - WINDOW_MS)],
    );
  }

  /** The right password from this address ends its guessing streak; the address's and the email's counts stand. */
  async succeeded(email: string, address: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sign_in_failures WHERE counter = $1', [countersFor(email, address).emailFromAddress]);
  }
}
