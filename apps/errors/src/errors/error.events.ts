import type { ErrorClass } from './classification/error-class.rules';
import type { Severity, SeverityInput } from './classification/severity';

/** The kind of flow step that failed; the retry policy depends on it. */
export type StepType = 'export' | 'import' | 'lookup' | 'transform' | 'custom_action' | 'webhook';

/**
 * A failed step as a runtime reported it. `retryDataKey` names the record the step failed on;
 * `traceKey` follows one record across runs (at most 128 characters once recorded).
 */
export interface Occurrence {
  accountId: string;
  integrationId: string;
  flowId: string;
  flowStepId: string;
  stepType: StepType;
  runId: string;
  message: string;
  code?: string;
  source?: string;
  httpStatus?: number;
  retryDataKey?: string;
  traceKey?: string;
  /** When the runtime saw the failure. */
  occurredAt: string;
  /** Severity code and texts, top-level or inside the app's response body. */
  signals?: Omit<SeverityInput, 'httpStatus'>;
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

export type ErrorEvent = ErrorRecorded;
