import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../event-store/event-store.types';

/**
 * The envelope fields of a published event, taken from the stored event it maps: the same
 * eventId (so consumers can dedupe what the relay re-sends), its aggregate and version, and
 * the correlation chain.
 */
export function publishedEnvelope<Type extends string>(
  stored: StoredEvent,
  contract: { type: Type; version: 1; aggregateId: string },
) {
  const { metadata } = stored;
  return {
    eventId: metadata.eventId,
    type: contract.type,
    version: contract.version,
    occurredAt: metadata.occurredAt,
    accountId: metadata.accountId,
    aggregateId: contract.aggregateId,
    aggregateVersion: stored.streamVersion,
    correlationId: metadata.correlationId,
    ...(metadata.causationId ? { causationId: metadata.causationId } : {}),
    actor: metadata.actor,
  };
}

/**
 * The envelope of an event published in answer to another one and stored in no stream (a
 * command to a runtime, a refusal): a new eventId, in the cause's correlation, caused by it.
 */
export function answeringEnvelope<Type extends string>(
  cause: { eventId: string; accountId: string; correlationId: string },
  answer: { type: Type; version: 1; actor: StoredEvent['metadata']['actor']; at: Date },
) {
  return {
    eventId: randomUUID(),
    type: answer.type,
    version: answer.version,
    occurredAt: answer.at.toISOString(),
    accountId: cause.accountId,
    correlationId: cause.correlationId,
    causationId: cause.eventId,
    actor: answer.actor,
  };
}
