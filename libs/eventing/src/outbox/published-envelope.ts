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
