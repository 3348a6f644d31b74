const POLL_MS = 200;
/** Missing ids remembered at most, so a flood of made-up ids cannot grow the memory. */
const REMEMBERED = 10_000;

/**
 * Waits for what another topic announces. A message may name something (an account, its owner)
 * whose announcement travels on another topic and has not been read yet; each missing id is
 * waited for, once, up to `graceMs` after it was first missed, and only then answered as
 * unknown (the caller sends the message to the DLQ, from where it can be replayed).
 */
export class AnnouncementGrace {
  private readonly firstMissedAt = new Map<string, number>();

  constructor(private readonly graceMs: number) {}

  /** The ids among `ids` that `known` finds, once every missing one is found or its grace ran out. */
  async known(ids: string[], known: (ids: string[]) => Promise<Set<string>>): Promise<Set<string>> {
    for (;;) {
      const found = await known(ids);
      const waitMs = this.graceLeftMs(ids.filter((id) => !found.has(id)));
      if (waitMs <= 0) return found;
      await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, waitMs)));
    }
  }

  private graceLeftMs(missing: string[]): number {
    const now = Date.now();
    let deadline = 0;
    for (const id of missing) {
      let firstMissed = this.firstMissedAt.get(id);
      if (firstMissed === undefined) {
        if (this.firstMissedAt.size >= REMEMBERED) this.firstMissedAt.delete(this.firstMissedAt.keys().next().value as string);
        this.firstMissedAt.set(id, (firstMissed = now));
      }
      deadline = Math.max(deadline, firstMissed + this.graceMs);
    }
    return deadline - now;
  }
}
