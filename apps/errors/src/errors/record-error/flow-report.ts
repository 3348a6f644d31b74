import type { ErrorOccurredV1, RecordSucceededV1, RetrySucceededV1 } from '@faultline/contracts';
import { metadataFor } from '@faultline/eventing';
import type { Occurrence } from '../error.events';
import type { NoRetryReason } from '../retries/retry.policy';

/** What flow runtimes publish on flow.errors.v1: a failure, or the success of a retry or a record. */
export type FlowReport = ErrorOccurredV1 | RetrySucceededV1 | RecordSucceededV1;

/** `retriesStopped`: why the retry policy let the failure become an error; told only after automatic retries ran. */
export function toOccurrence(report: ErrorOccurredV1, inputRepairs: string[] = [], retriesStopped?: NoRetryReason): Occurrence {
  const { data } = report;
  const attempts = data.attempt ?? 1;
  return {
    ...(inputRepairs.length > 0 ? { inputRepairs } : {}),
    ...(attempts > 1 && retriesStopped ? { automaticRetries: { attempts, stoppedBecause: retriesStopped } } : {}),
    accountId: report.accountId,
    integrationId: data.integrationId,
    flowId: data.flowId,
    flowStepId: data.flowStepId,
    stepType: data.stepType,
    runId: data.runId,
    message: data.message,
    code: data.code,
    source: data.source,
    httpStatus: data.httpStatus,
    retryDataKey: data.retryDataKey,
    traceKey: data.traceKey,
    retryData: data.retryData,
    responseBody: data.responseBody,
    automationCreatorUserId: data.automationCreatorUserId,
    occurredAt: report.occurredAt,
    signals: {
      severityCode: data.severityCode,
      notificationErrorTitle: data.notificationErrorTitle,
      notificationErrorDescription: data.notificationErrorDescription,
      runtimeErrorDescription: data.runtimeErrorDescription,
      disableErrorDescription: data.disableErrorDescription,
      responseBody: data.responseBody,
    },
  };
}

export function failedAttempt(report: ErrorOccurredV1) {
  const { data } = report;
  return {
    stepType: data.stepType,
    attempt: data.attempt ?? 1,
    firstAttemptAt: new Date(data.firstAttemptAt ?? report.occurredAt),
    httpStatus: data.httpStatus,
    severityCode: data.severityCode,
    responseBody: data.responseBody,
  };
}

/** Events decided in answer to a report: caused by it, in its correlation, by its actor. */
export const metadataCausedBy = (report: FlowReport, now: Date) =>
  metadataFor({ accountId: report.accountId, actor: report.actor, correlationId: report.correlationId, causationId: report.eventId }, now);
