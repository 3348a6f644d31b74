/** A clock a test moves by hand, for rules that depend on time (expiries, windows). */
export class ManualClock {
  constructor(private current = new Date('2026-11-23T09:00:00.000Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
