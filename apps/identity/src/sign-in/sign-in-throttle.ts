/**
 * Counts failed sign-ins per email and refuses further attempts for a while after too many.
 * Kept in memory: one identity instance throttles what reaches it; restarting forgets.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly lockMs: number,
  ) {}

  /** Milliseconds until `email` may try again, or 0. */
  retryAfter(email: string, now: number): number {
    const entry = this.failures.get(email);
    return entry && entry.lockedUntil > now ? entry.lockedUntil - now : 0;
  }

  failed(email: string, now: number): void {
    const entry = this.failures.get(email);
    const count = entry && entry.lockedUntil <= now && entry.count >= this.maxFailures ? 1 : (entry?.count ?? 0) + 1;
    this.failures.set(email, { count, lockedUntil: count >= this.maxFailures ? now + this.lockMs : 0 });
  }

  succeeded(email: string): void {
    this.failures.delete(email);
  }
}
