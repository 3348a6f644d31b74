import { isTransientFailure } from './transient-failure';

export interface IsolationOptions {
  /** Attempts at a part that fails for a reason of its own before it is split (or, alone, rejected). */
  attempts: number;
  /** The wait before the next attempt after `failures` failures in a row. */
  backoffMs(failures: number): number;
  sleep(ms: number): Promise<void>;
  /** False once the partition was taken away (rebalance, shutdown): stop, commit nothing. */
  stillOwned(): boolean;
  /** Told of every failure, whether it will be retried. */
  onFailure(error: unknown, transient: boolean): void;
}

export interface Isolated<M> {
  item: M;
  reason: string;
}

/** The partition was taken away while its batch still failed; it is delivered again elsewhere. */
export class BatchAbandoned extends Error {
  constructor(cause: unknown) {
    super(`batch abandoned while failing: ${describeFailure(cause)}`);
  }
}

/**
 * Hands `items` (one partition's batch, in order) to `handle`, so that no single item can stop
 * the partition. Transient failures are retried with backoff for as long as the partition is
 * ours. A part that keeps failing otherwise is split in halves, each handled in order, until
 * the one item at fault stands alone; that item is answered as isolated, with the reason, and
 * the rest are handled. `handle` must be idempotent: a retried part may include items a
 * previous attempt already handled.
 */
export async function handleIsolatingPoison<M>(
  items: M[],
  handle: (part: M[]) => Promise<Array<Isolated<M>>>,
  options: IsolationOptions,
): Promise<Array<Isolated<M>>> {
  if (items.length === 0) return [];
  const outcome = await retrying(() => handle(items), options);
  if (outcome.ok) return outcome.value;
  if (items.length === 1) return [{ item: items[0], reason: `HANDLER_FAILED: ${describeFailure(outcome.error)}` }];
  const middle = Math.ceil(items.length / 2);
  const first = await handleIsolatingPoison(items.slice(0, middle), handle, options);
  const second = await handleIsolatingPoison(items.slice(middle), handle, options);
  return [...first, ...second];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `action` until it succeeds, its own failures reach `options.attempts`, or the partition
 * is no longer ours (then BatchAbandoned). Transient failures do not count: they wait and retry.
 */
export async function retrying<T>(action: () => Promise<T>, options: IsolationOptions): Promise<Outcome<T>> {
  let failures = 0;
  let ownFailures = 0;
  for (;;) {
    try {
      return { ok: true, value: await action() };
    } catch (error) {
      const transient = isTransientFailure(error);
      options.onFailure(error, transient);
      failures++;
      if (!transient) ownFailures++;
      if (ownFailures >= options.attempts) return { ok: false, error };
      if (!options.stillOwned()) throw new BatchAbandoned(error);
      await options.sleep(options.backoffMs(failures));
    }
  }
}

/** The failure in one line, for the dead-letter reason: no stack, bounded. */
export function describeFailure(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, ' ').slice(0, 500);
}
