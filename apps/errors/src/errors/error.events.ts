import type { ErrorClass } from './classification/error-class.rules';
import type { Severity, SeverityInput } from './classification/severity';
import type { NoRetryReason } from './retries/retry.policy';

/** The kind of flow step that failed; the retry policy depends on it. */
export type StepType = 'export' | 'import' | 'lookup' | 'transform' | 'custom_action' | 'webhook';

/** Who acted: a signed-in person, or the system (a rule, a runtime). */
export interface Actor {
  type: 'user' | 'system';
  id: string;
}

/**
 * A failed step as a runtime reported it. `retryDataKey` names the record the step failed on;
 * `traceKey` follows one record across runs (at most 128 characters once recorded).
 */
export interface Occurrence {
  accountId: string;
  integrationId: string;
  flowId: string;
  flowStepId: string;
  /** The names people know them by, when the runtime said (ErrorOccurred v2). */
  integrationName?: string;
  flowName?: string;
  flowStepName?: string;
  stepType: StepType;
  runId: string;
  message: string;
  code?: string;
  source?: string;
  httpStatus?: number;
  retryDataKey?: string;
  traceKey?: string;
  /** The record as the step saw it; what a manual retry sends back, once edited. */
  retryData?: unknown;
  /** What the called app answered, shown with the error. */
  responseBody?: unknown;
  /** Who built the automation: the person severity notifications go to. */
  automationCreatorUserId?: string;
  /** When the runtime saw the failure. */
  occurredAt: string;
  /** Severity code and texts, top-level or inside the app's response body. */
  signals?: Omit<SeverityInput, 'httpStatus'>;
  /** What Faultline changed in the runtime's report to store it (see repairedReport). */
  inputRepairs?: string[];
  /** A failure retried automatically before it became an error: how many attempts ran, and why retrying stopped. */
  automaticRetries?: { attempts: number; stoppedBecause: NoRetryReason };
}

/** How Faultline read the failure: its class, its severity, and the HTTP status's logged name. */
export interface Classification {
  errorClass: ErrorClass;
  severity: Severity;
  /** UNAUTHORIZED, NOT_FOUND, … for the plain statuses the activity log names. */
  httpStatusName?: string;
  notificationErrorTitle?: string;
  notificationErrorDescription?: string;
  runtimeErrorDescription?: string;
  disableErrorDescription?: string;
}

/** An error opened for one failed step of a flow run. */
export type ErrorRecorded = {
  type: 'ErrorRecorded';
  data: Omit<Occurrence, 'signals'> &
    Classification & {
      errorId: string;
      /** When Faultline recorded it. */
      recordedAt: string;
    };
};

/**
 * The same record (trace key) failed again on the same step while this error was open. It names
 * its integration, flow and step, so a read model needs nothing but the event (events stored
 * before they were carried lack them).
 */
export type ErrorOccurredAgain = {
  type: 'ErrorOccurredAgain';
  data: Pick<Occurrence, 'runId' | 'message' | 'httpStatus' | 'occurredAt' | 'inputRepairs' | 'automaticRetries'> &
    Partial<Pick<Occurrence, 'integrationId' | 'flowId' | 'flowStepId'>> &
    Classification & { errorId: string; occurrences: number; retryData?: unknown };
};

/**
 * A 4000 or 6000 asks for the automation's creator to be told, with the texts the app sent.
 * Notifications sends it; without a known creator it goes to the account's owner.
 */
export type SeverityNotificationRequested = {
  type: 'SeverityNotificationRequested';
  data: {
    errorId: string;
    integrationId: string;
    flowId: string;
    flowStepId: string;
    severity: Exclude<Severity, 'none'>;
    automationCreatorUserId?: string;
    notificationErrorTitle?: string;
    notificationErrorDescription?: string;
    disableErrorDescription?: string;
  };
};

export type ResolutionReason = 'user' | 'retry_succeeded' | 'superseded' | 'record_succeeded';

export type ErrorResolved = {
  type: 'ErrorResolved';
  /** `runId`: the run whose success resolved it (record or retry succeeded). */
  data: { errorId: string; reason: ResolutionReason; resolvedBy: Actor; resolvedAt: string; supersededBy?: string; runId?: string; note?: string };
};

export type ErrorReopened = { type: 'ErrorReopened'; data: { errorId: string; reopenedBy: Actor; reopenedAt: string } };

export type ErrorTagged = { type: 'ErrorTagged'; data: { errorId: string; tagId: string; taggedBy: Actor } };

export type ErrorUntagged = {
  type: 'ErrorUntagged';
  /** `tag_deleted`: the tag left the account's catalogue, so it left every error. */
  data: { errorId: string; tagId: string; untaggedBy: Actor; reason: 'removed' | 'tag_deleted' };
};

export type RetryDataEdited = {
  type: 'RetryDataEdited';
  data: { errorId: string; retryData: unknown; previousRetryData?: unknown; editedBy: Actor };
};

/** Someone asked the runtime to run the failed step again, with the error's (edited) retry data. */
export type ErrorRetryRequested = {
  type: 'ErrorRetryRequested';
  data: { errorId: string; retryId: string; retryData?: unknown; notBefore: string; requestedBy: Actor };
};

export type ErrorEvent =
  | ErrorRecorded
  | ErrorOccurredAgain
  | SeverityNotificationRequested
  | ErrorResolved
  | ErrorReopened
  | ErrorTagged
  | ErrorUntagged
  | RetryDataEdited
  | ErrorRetryRequested;
