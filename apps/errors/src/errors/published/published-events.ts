import { Topics } from '@faultline/contracts';
import { OutboxMessage, publishedEnvelope } from '@faultline/eventing';
import { definedOnly } from '../defined-only';
import type { ErrorRecorded } from '../error.events';
import type { FlowEvent } from '../flows/flow.events';
import type { RetryScheduled } from '../retries/retry.events';
import type { StoredServiceEvent } from '../stored-events';

/**
 * Maps stored domain events to the published contracts (the outbox validates each against
 * its schema). Written out field by field on purpose: a change to a domain event must not
 * change what other apps receive. Events other apps have no use for are not published.
 */
export function publishedMessages(stored: StoredServiceEvent): OutboxMessage[] {
  const { event } = stored;
  switch (event.type) {
    case 'ErrorRecorded':
      return [onErrorsTopic(stored, event.data.errorId, recordedData(event))];
    case 'ErrorOccurredAgain': {
      const { errorId, occurrences, runId, message, httpStatus, errorClass, severity, httpStatusName, occurredAt } = event.data;
      return [onErrorsTopic(stored, errorId, definedOnly({ errorId, occurrences, runId, message, httpStatus, errorClass, severity, httpStatusName, occurredAt }))];
    }
    case 'ErrorResolved': {
      const { errorId, reason, resolvedBy, supersededBy, note } = event.data;
      return [onErrorsTopic(stored, errorId, definedOnly({ errorId, reason, resolvedBy, supersededBy, note }))];
    }
    case 'ErrorReopened':
      return [onErrorsTopic(stored, event.data.errorId, { errorId: event.data.errorId, reopenedBy: event.data.reopenedBy })];
    case 'ErrorTagged':
      return [onErrorsTopic(stored, event.data.errorId, { errorId: event.data.errorId, tagId: event.data.tagId, taggedBy: event.data.taggedBy })];
    case 'ErrorUntagged': {
      const { errorId, tagId, untaggedBy, reason } = event.data;
      return [onErrorsTopic(stored, errorId, { errorId, tagId, untaggedBy, reason })];
    }
    case 'ErrorRetryRequested': {
      const { errorId, retryId, notBefore, requestedBy } = event.data;
      return [onErrorsTopic(stored, errorId, { errorId, retryId, notBefore, requestedBy })];
    }
    case 'SeverityNotificationRequested':
      return [onErrorsTopic(stored, event.data.errorId, { ...event.data })];
    case 'AutomationDisabled':
    case 'AutomationReenabled':
    case 'FlowSettingsChanged':
      return flowMessages(stored, event);
    case 'RetryScheduled':
      return [retryCommand(stored, event)];
    case 'RetryCancelled': {
      const { retryId, integrationId, flowId, flowStepId } = event.data;
      const value = { ...publishedEnvelope(stored, { type: 'RetryCancelled', version: 1, aggregateId: retryId }), data: { retryId, integrationId, flowId, flowStepId } };
      return [{ topic: Topics.flowCommands, key: flowId, value }];
    }
    case 'RetryDataEdited':
    case 'TagCreated':
    case 'TagChanged':
    case 'TagDeleted':
    case 'RetentionChanged':
    case 'RetentionShorteningScheduled':
    case 'ViewSaved':
    case 'ViewChanged':
    case 'ViewDeleted':
    case 'DefaultViewChosen':
      return [];
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

function onErrorsTopic(stored: StoredServiceEvent, errorId: string, data: object): OutboxMessage {
  return { topic: Topics.errorsEvents, key: errorId, value: { ...publishedEnvelope(stored, { type: stored.event.type, version: 1, aggregateId: errorId }), data } };
}

function recordedData({ data }: ErrorRecorded) {
  const { errorId, integrationId, flowId, flowStepId, stepType, runId, message, code, source, httpStatus, retryDataKey, traceKey } = data;
  const { integrationName, flowName, flowStepName, errorClass, severity, httpStatusName, occurredAt } = data;
  return definedOnly({
    errorId, integrationId, flowId, flowStepId, integrationName, flowName, flowStepName, stepType, runId, message, code, source, httpStatus,
    retryDataKey, traceKey, errorClass, severity, httpStatusName, occurredAt,
  });
}

/** The apps hear about a flow on errors.events.v1; the runtime must hear when to stop or run it again. */
function flowMessages(stored: StoredServiceEvent, event: FlowEvent): OutboxMessage[] {
  const { flowId } = event.data;
  let data: object;
  if (event.type === 'AutomationDisabled') {
    const { integrationId, flowStepId, errorId, disableErrorDescription } = event.data;
    data = definedOnly({ integrationId, flowId, flowStepId, errorId, disableErrorDescription });
  } else if (event.type === 'AutomationReenabled') {
    data = { integrationId: event.data.integrationId, flowId, reenabledBy: event.data.reenabledBy };
  } else {
    const { integrationId, autoResolveMatchingTraceKey, changedBy } = event.data;
    data = { integrationId, flowId, autoResolveMatchingTraceKey, changedBy };
  }
  const value = { ...publishedEnvelope(stored, { type: event.type, version: 1, aggregateId: flowId }), data };
  const toApps = { topic: Topics.errorsEvents, key: flowId, value };
  return event.type === 'FlowSettingsChanged' ? [toApps] : [toApps, { topic: Topics.flowCommands, key: flowId, value }];
}

/** What the runtime is told to run: RetryScheduled (automatic) or RetryRequested (a person's). */
function retryCommand(stored: StoredServiceEvent, { data }: RetryScheduled): OutboxMessage {
  const { retryId, integrationId, flowId, flowStepId, runId, notBefore, retryDataKey, retryData, failure, errorId } = data;
  const common = { retryId, integrationId, flowId, flowStepId, runId };
  const envelope = (type: string) => publishedEnvelope(stored, { type, version: 1, aggregateId: retryId });
  const value =
    data.kind === 'automatic' && failure
      ? {
          ...envelope('RetryScheduled'),
          data: definedOnly({ ...common, failedEventId: failure.failedEventId, attempt: failure.attempt, firstAttemptAt: failure.firstAttemptAt, notBefore, retryDataKey, retryData }),
        }
      : { ...envelope('RetryRequested'), data: definedOnly({ ...common, errorId, notBefore, retryDataKey, retryData }) };
  return { topic: Topics.flowCommands, key: flowId, value };
}
