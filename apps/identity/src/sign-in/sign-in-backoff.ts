/**
 * How sign-in failures slow the next attempt. Three counters, each with its own allowance
 * before waits start, doubling from one second up to a cap:
 * - one email from one address: guessing one person's password (5 free);
 * - one address, whatever the emails: spraying a password over many people (20 free);
 * - one email, from anywhere: guessing spread over many addresses (50 free, and capped lower,
 *   so nobody can keep the owner out for long by failing on their email from elsewhere).
 * Failures older than the window are forgotten.
 */
export type FailureCounter = 'emailFromAddress' | 'address' | 'email';

export interface BackoffPolicy {
  free: number;
  capMs: number;
}

export const WINDOW_MS = 15 * 60_000;

export function backoffPolicies(capMs: number): Record<FailureCounter, BackoffPolicy> {
  return {
    emailFromAddress: { free: 5, capMs },
    address: { free: 20, capMs },
    email: { free: 50, capMs: Math.min(capMs, 60_000) },
  };
}

/** How long after its latest failure a counter holds the next attempt back. */
export function waitAfter(failures: number, policy: BackoffPolicy): number {
  const over = failures - policy.free;
  return over <= 0 ? 0 : Math.min(policy.capMs, 1_000 * 2 ** Math.min(over - 1, 30));
}

/** The counters one attempt touches. */
export const countersFor = (email: string, address: string): Record<FailureCounter, string> => ({
  emailFromAddress: `email-address:${email} ${address}`,
  address: `address:${address}`,
  email: `email:${email}`,
});
