import { ErrorRecordedV1, Topics } from '@faultline/contracts';
import { OutboxMessage, publishedEnvelope, StoredEvent } from '@faultline/eventing';
import type { ErrorRecorded } from '../error.events';

/**
 * Maps the stored domain event to the published contract. Written out field by field on
 * purpose: a change to the domain event must not change what other apps receive.
 */
export function publishErrorRecorded(stored: StoredEvent<ErrorRecorded>): OutboxMessage {
  const { data } = stored.event;
  const value: ErrorRecordedV1 = {
    ...publishedEnvelope(stored, { type: 'ErrorRecorded', version: 1, aggregateId: data.errorId }),
    data: {
      errorId: data.errorId,
      integrationId: data.integrationId,
      flowId: data.flowId,
      flowStepId: data.flowStepId,
      stepType: data.stepType,
      runId: data.runId,
      message: data.message,
      ...optional('code', data.code),
      ...optional('httpStatus', data.httpStatus),
      ...optional('retryDataKey', data.retryDataKey),
      ...optional('traceKey', data.traceKey),
      errorClass: data.errorClass,
      severity: data.severity,
      ...optional('httpStatusName', data.httpStatusName),
      occurredAt: data.occurredAt,
    },
  };
  return { topic: Topics.errorsEvents, key: data.errorId, value };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
