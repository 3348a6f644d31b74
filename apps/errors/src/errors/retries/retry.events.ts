import type { Actor } from '../error.events';

/**
 * A retry the runtime is told to run not before `notBefore`: automatic (the retry policy, in
 * answer to a failure that opened no error yet) or manual (someone retried an open error).
 */
export type RetryScheduled = {
  type: 'RetryScheduled';
  data: {
    retryId: string;
    kind: 'automatic' | 'manual';
    integrationId: string;
    flowId: string;
    flowStepId: string;
    runId: string;
    notBefore: string;
    scheduledBy: Actor;
    /** Manual retries: the error retried. */
    errorId?: string;
    retryDataKey?: string;
    retryData?: unknown;
    /** Automatic retries: the failure answered, as the activity log shows it. */
    failure?: { failedEventId: string; attempt: number; firstAttemptAt: string; message: string; httpStatus?: number; occurredAt: string };
  };
};

export type RetryCancelled = {
  type: 'RetryCancelled';
  data: { retryId: string; integrationId: string; flowId: string; flowStepId: string; cancelledBy: Actor; cancelledAt: string };
};

export type RetryEvent = RetryScheduled | RetryCancelled;
