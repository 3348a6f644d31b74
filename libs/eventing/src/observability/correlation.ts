import { AsyncLocalStorage } from 'node:async_hooks';

/** The work in hand: a request's or an event's correlation id, or the first few of a batch's. */
export interface Correlation {
  correlationId?: string;
  correlationIds?: string[];
  /** How many events the batch in hand holds, when it holds more than one. */
  batchOf?: number;
}

const storage = new AsyncLocalStorage<Correlation>();
const LISTED = 10;

/** Runs `work` as part of `correlation`: logs written meanwhile carry it, and events decided without a cause of their own join it. */
export function withCorrelation<T>(correlation: Correlation, work: () => T): T {
  return storage.run(correlation, work);
}

export function currentCorrelation(): Correlation | undefined {
  return storage.getStore();
}

/** One event's id, or, for a batch, the first few and how many events it holds. */
export function correlationOf(correlationIds: string[]): Correlation {
  const distinct = [...new Set(correlationIds)];
  if (distinct.length === 1) return { correlationId: distinct[0] };
  return { correlationIds: distinct.slice(0, LISTED), batchOf: correlationIds.length };
}
