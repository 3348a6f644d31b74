/** Where an error's retry data key lives: one step of one flow of one integration. */
export interface RetryDataKeyed {
  integrationId: string;
  flowId: string;
  flowStepId: string;
  retryDataKey: string | null;
}

/**
 * Two errors concern the same record, and so follow each other's assignment, when they share a
 * retry data key on the same step of the same flow of the same integration (of one account);
 * the same key or step id anywhere else is another record. Undefined: the error has no key.
 */
export const sameRecordKey = (error: RetryDataKeyed): string | undefined =>
  error.retryDataKey === null ? undefined : [error.integrationId, error.flowId, error.flowStepId, error.retryDataKey].join('\u0000');
