import type { IHeaders } from 'kafkajs';

/** One valid event taken from a topic, with where it came from. */
export interface ConsumedEvent<E = unknown> {
  event: E;
  key: string | null;
  offset: string;
  headers: IHeaders;
}

/**
 * What a handler registered with `@EventPattern(topic)` receives: the valid events of one
 * fetched batch of one partition, in offset order. Invalid messages never reach it (they are
 * already on their way to the DLQ). The handler's promise resolving means "durably handled":
 * only then is the offset committed.
 */
export interface ConsumedBatch<E = unknown> {
  topic: string;
  partition: number;
  events: ConsumedEvent<E>[];
}

/**
 * What a handler may answer: valid events it still could not accept (a rule of the domain
 * refused them), by eventId and why. They go to the DLQ like invalid ones; the rest of the
 * batch is handled.
 */
export interface BatchVerdict {
  rejected: Array<{ eventId: string; reason: string }>;
}
