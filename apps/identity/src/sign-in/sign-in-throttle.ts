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

  /** Milliseconds until this email may try again from this address, or 0. */
  async retryAfter(email: string, address: string): Promise<number> {
    const now = this.clock.now();
    const [row] = await this.dataSource.query(
      'SELECT max(held_until) AS held_until FROM sign_in_failures WHERE counter = ANY($1::text[]) AND held_until > $2',
      [Object.values(countersFor(email, address)), now],
    );
    const heldUntil = (row as { held_until: Date | null } | undefined)?.held_until;
    return heldUntil ? heldUntil.getTime() - now.getTime() : 0;
  }

  async failed(email: string, address: string): Promise<void> {
    const now = this.clock.now();
    const counters = Object.entries(countersFor(email, address)) as Array<[FailureCounter, string]>;
    for (const [kind, counter] of counters) {
      // Counts again from one when the last failure is older than the window.
      const [row] = await this.dataSource.query(
        `INSERT INTO sign_in_failures AS f (counter, failures, last_failure_at, held_until) VALUES ($1, 1, $2, $2)
         ON CONFLICT (counter) DO UPDATE
           SET failures = CASE WHEN f.last_failure_at < $3 THEN 1 ELSE f.failures + 1 END, last_failure_at = $2
         RETURNING failures`,
        [counter, now, new Date(now.getTime() - WINDOW_MS)],
      );
      const wait = waitAfter((row as { failures: number }).failures, this.policies[kind]);
      await this.dataSource.query('UPDATE sign_in_failures SET held_until = $2 WHERE counter = $1', [counter, new Date(now.getTime() + wait)]);
    }
  }

  /** The right password from this address ends its guessing streak; the address's and the email's counts stand. */
  async succeeded(email: string, address: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sign_in_failures WHERE counter = $1', [countersFor(email, address).emailFromAddress]);
  }
}
