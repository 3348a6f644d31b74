import { randomUUID } from 'node:crypto';
import { currentCorrelation } from '../observability/correlation';
import type { Actor, EventMetadata } from './event-store.types';

/** Why events are being decided: for whom, by whom, and in answer to what. */
export interface DecisionCause {
  accountId: string;
  actor: Actor;
  /** Absent: the work in hand's (the request's), else a new piece of work starts here. */
  correlationId?: string;
  causationId?: string;
}

/** The metadata of every event decided for one cause at one moment: each call gives a new eventId. */
export function metadataFor(cause: DecisionCause, at: Date): () => EventMetadata {
  const correlationId = cause.correlationId ?? currentCorrelation()?.correlationId ?? randomUUID();
  const occurredAt = at.toISOString();
  return () => ({
    eventId: randomUUID(),
    accountId: cause.accountId,
    occurredAt,
    correlationId,
    ...(cause.causationId ? { causationId: cause.causationId } : {}),
    actor: cause.actor,
  });
}
