/**
 * What the event store, the consumer and the outbox relay report as they work, for an app's
 * metrics. Eventing knows no metrics library: the app's edge implements this.
 */
export interface EventingMetrics {
  eventsAppended(type: string, count: number): void;
  batchHandled(topic: string, size: number, seconds: number): void;
  /** `reason`: the rule's code (`UNKNOWN_ACCOUNT`, `HANDLER_FAILED`) or `INVALID_MESSAGE`. */
  deadLettered(topic: string, reason: string, count: number): void;
  published(topic: string, count: number): void;
}

/** Where nothing is measured (tests, tools). */
export const UNMEASURED: EventingMetrics = {
  eventsAppended: () => undefined,
  batchHandled: () => undefined,
  deadLettered: () => undefined,
  published: () => undefined,
};

/** A dead-letter reason's code, a bounded label: the rule's code before the colon, else the contract refused the message. */
export function reasonCode(reason: string): string {
  return /^([A-Z][A-Z0-9_]{1,40}):/.exec(reason)?.[1] ?? 'INVALID_MESSAGE';
}
