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
