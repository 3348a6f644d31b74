import type { ErrorOccurredV1, ErrorOccurredV2, RecordSucceededV1, RetrySucceededV1 } from '@faultline/contracts';
import { metadataFor } from '@faultline/eventing';
import { definedOnly } from '../defined-only';
import type { Occurrence } from '../error.events';
import type { NoRetryReason } from '../retries/retry.policy';

/** What flow runtimes publish on flow.errors.v1, as read: a failure, or the success of a retry or a record. */
export type FlowReport = ErrorOccurredV2 | RetrySucceededV1 | RecordSucceededV1;

/** A report in any version the topic's contract accepts. */
export type PublishedFlowReport = FlowReport | ErrorOccurredV1;

/** Reports of older versions read as the current one: an ErrorOccurred v1 is a v2 without names. */
export function upcastFlowReport(report: PublishedFlowReport): FlowReport {
  return report.type === 'ErrorOccurred' && report.version === 1 ? { ...report, version: 2 } : (report as FlowReport);
}

/** `retriesStopped`: why the retry policy let the failure become an error; told only after automatic retries ran. */
export function toOccurrence(report: ErrorOccurredV2, inputRepairs: string[] = [], retriesStopped?: NoRetryReason): Occurrence {
  const { data } = report;
  const attempts = data.attempt ?? 1;
  return {
    ...(inputRepairs.length > 0 ? { inputRepairs } : {}),
    ...(attempts > 1 && retriesStopped ? { automaticRetries: { attempts, stoppedBecause: retriesStopped } } : {}),
    accountId: report.accountId,
    integrationId: data.integrationId,
    flowId: data.flowId,
    flowStepId: data.flowStepId,
    ...definedOnly({ integrationName: data.integrationName, flowName: data.flowName, flowStepName: data.flowStepName }),
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

export function failedAttempt(report: ErrorOccurredV2) {
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
