import { Refusal } from '@faultline/access-policy';
import { definedOnly } from './defined-only';
import type {
  Actor,
  Classification,
  ErrorEvent,
  ErrorOccurredAgain,
  ErrorRecorded,
  Occurrence,
  ResolutionReason,
  SeverityNotificationRequested,
} from './error.events';

export type { Occurrence };

/** Runtimes cut trace keys at this length; longer ones are cut the same way here. */
export const TRACE_KEY_MAX_LENGTH = 128;
/** More tags than this on one error stop meaning anything. */
export const MAX_TAGS_PER_ERROR = 3;

export interface RecordedError {
  status: 'open' | 'resolved';
  errorId: string;
  accountId: string;
  integrationId: string;
  flowId: string;
  flowStepId: string;
  /** The run that failed last: the one a manual retry runs again. */
  runId: string;
  traceKey?: string;
  retryDataKey?: string;
  retryData?: unknown;
  occurrences: number;
  tagIds: string[];
}

export type ErrorState = { status: 'unrecorded' } | RecordedError;

/** `classification`: how the occurrence reads (classification.rules), worked out once per report. */
export type RecordError = { type: 'RecordError'; data: { errorId: string; occurrence: Occurrence; classification: Classification; now: Date } };
export type RecordOccurrenceAgain = { type: 'RecordOccurrenceAgain'; data: { occurrence: Occurrence; classification: Classification } };
export type ResolveError = {
  type: 'ResolveError';
  data: { reason: ResolutionReason; by: Actor; now: Date; supersededBy?: string; runId?: string; note?: string };
};
/** A runtime says a retry of the error succeeded: its `accountId` is the account it reports for. */
export type RecordRetrySuccess = { type: 'RecordRetrySuccess'; data: { accountId: string; runId: string; by: Actor; now: Date } };
export type ReopenError = { type: 'ReopenError'; data: { by: Actor; now: Date } };
export type TagError = { type: 'TagError'; data: { tagIds: string[]; by: Actor } };
export type UntagError = { type: 'UntagError'; data: { tagIds: string[]; by: Actor; reason: 'removed' | 'tag_deleted' } };
export type EditRetryData = { type: 'EditRetryData'; data: { retryData: unknown; by: Actor } };
export type RequestRetry = { type: 'RequestRetry'; data: { retryId: string; notBefore: Date; by: Actor } };

export type ErrorCommand =
  | RecordError
  | RecordOccurrenceAgain
  | ResolveError
  | RecordRetrySuccess
  | ReopenError
  | TagError
  | UntagError
  | EditRetryData
  | RequestRetry;

/** Recording twice would open two errors for one failure. */
export class ErrorAlreadyRecorded extends Refusal {
  readonly code = 'ERROR_ALREADY_RECORDED';

  constructor(errorId: string) {
    super(`error ${errorId} is already recorded`);
  }
}

export class ErrorNotFound extends Refusal {
  readonly code = 'ERROR_NOT_FOUND';

  constructor() {
    super('no such error');
  }
}

/** Retry data is edited and retries are asked for only while the error is open. */
export class ErrorNotOpen extends Refusal {
  readonly code = 'ERROR_NOT_OPEN';

  constructor(errorId: string) {
    super(`error ${errorId} is resolved; reopen it first`);
  }
}

export class TooManyTags extends Refusal {
  readonly code = 'TOO_MANY_TAGS';

  constructor(errorId: string) {
    super(`error ${errorId} would have more than ${MAX_TAGS_PER_ERROR} tags`);
  }
}

export const initialState = (): ErrorState => ({ status: 'unrecorded' });

export function decide(command: ErrorCommand, state: ErrorState): ErrorEvent[] {
  if (command.type === 'RecordError') return recordError(command, state);
  // A runtime names errors by id: one of another account, or none at all, is not its to resolve.
  if (command.type === 'RecordRetrySuccess' && (state.status === 'unrecorded' || state.accountId !== command.data.accountId)) return [];
  if (state.status === 'unrecorded') throw new ErrorNotFound();
  switch (command.type) {
    case 'RecordOccurrenceAgain':
      return occurAgain(command, state);
    case 'ResolveError':
      return resolve(command, state);
    case 'RecordRetrySuccess': {
      const { runId, by, now } = command.data;
      return resolve({ type: 'ResolveError', data: { reason: 'retry_succeeded', runId, by, now } }, state);
    }
    case 'ReopenError':
      return state.status === 'resolved'
        ? [{ type: 'ErrorReopened', data: { errorId: state.errorId, reopenedBy: command.data.by, reopenedAt: command.data.now.toISOString() } }]
        : [];
    case 'TagError':
      return tag(command, state);
    case 'UntagError':
      return command.data.tagIds
        .filter((tagId) => state.tagIds.includes(tagId))
        .map((tagId) => ({ type: 'ErrorUntagged', data: { errorId: state.errorId, tagId, untaggedBy: command.data.by, reason: command.data.reason } }));
    case 'EditRetryData':
      requireOpen(state);
      return [
        {
          type: 'RetryDataEdited',
          data: { errorId: state.errorId, retryData: command.data.retryData, previousRetryData: state.retryData, editedBy: command.data.by },
        },
      ];
    case 'RequestRetry': {
      requireOpen(state);
      const { retryId, notBefore, by } = command.data;
      return [
        { type: 'ErrorRetryRequested', data: { errorId: state.errorId, retryId, retryData: state.retryData, notBefore: notBefore.toISOString(), requestedBy: by } },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolve(state: ErrorState, event: ErrorEvent): ErrorState {
  if (event.type === 'ErrorRecorded') return recordedState(event);
  if (state.status === 'unrecorded') return state;
  switch (event.type) {
    case 'ErrorOccurredAgain':
      return {
        ...state,
        runId: event.data.runId,
        occurrences: event.data.occurrences,
        ...('retryData' in event.data ? { retryData: event.data.retryData } : {}),
      };
    case 'ErrorResolved':
      return { ...state, status: 'resolved' };
    case 'ErrorReopened':
      return { ...state, status: 'open' };
    case 'ErrorTagged':
      return { ...state, tagIds: [...state.tagIds, event.data.tagId] };
    case 'ErrorUntagged':
      return { ...state, tagIds: state.tagIds.filter((tagId) => tagId !== event.data.tagId) };
    case 'RetryDataEdited':
      return { ...state, retryData: event.data.retryData };
    case 'SeverityNotificationRequested':
    case 'ErrorRetryRequested':
      return state;
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

function recordedState({ data }: ErrorRecorded): RecordedError {
  return {
    status: 'open',
    errorId: data.errorId,
    accountId: data.accountId,
    integrationId: data.integrationId,
    flowId: data.flowId,
    flowStepId: data.flowStepId,
    runId: data.runId,
    traceKey: data.traceKey,
    retryDataKey: data.retryDataKey,
    retryData: data.retryData,
    occurrences: 1,
    tagIds: [],
  };
}

function recordError({ data }: RecordError, state: ErrorState): ErrorEvent[] {
  if (state.status !== 'unrecorded') throw new ErrorAlreadyRecorded(data.errorId);
  const { traceKey, signals: _signals, ...occurrence } = data.occurrence;
  const { classification } = data;
  const recorded: ErrorRecorded = {
    type: 'ErrorRecorded',
    data: {
      errorId: data.errorId,
      ...occurrence,
      ...(traceKey === undefined ? {} : { traceKey: truncateTraceKey(traceKey) }),
      ...classification,
      recordedAt: data.now.toISOString(),
    },
  };
  return [recorded, ...severityNotification(recorded.data, data.occurrence, classification)];
}

/** A new run failed on the same record: the open error counts it, and takes its fresh retry data. */
function occurAgain({ data }: RecordOccurrenceAgain, state: RecordedError): ErrorEvent[] {
  const { runId, message, httpStatus, occurredAt, retryData, inputRepairs, automaticRetries } = data.occurrence;
  const { classification } = data;
  const again: ErrorOccurredAgain = {
    type: 'ErrorOccurredAgain',
    data: {
      errorId: state.errorId,
      integrationId: state.integrationId,
      flowId: state.flowId,
      flowStepId: state.flowStepId,
      occurrences: state.occurrences + 1,
      runId,
      message,
      ...(httpStatus === undefined ? {} : { httpStatus }),
      occurredAt,
      ...classification,
      ...(retryData === undefined ? {} : { retryData }),
      ...(inputRepairs === undefined ? {} : { inputRepairs }),
      ...(automaticRetries === undefined ? {} : { automaticRetries }),
    },
  };
  return [again, ...severityNotification(state, data.occurrence, classification)];
}

function resolve({ data }: ResolveError, state: RecordedError): ErrorEvent[] {
  if (state.status === 'resolved') return [];
  const { reason, by, now, supersededBy, runId, note } = data;
  return [
    {
      type: 'ErrorResolved',
      data: {
        errorId: state.errorId,
        reason,
        resolvedBy: by,
        resolvedAt: now.toISOString(),
        ...(supersededBy === undefined ? {} : { supersededBy }),
        ...(runId === undefined ? {} : { runId }),
        ...(note === undefined ? {} : { note }),
      },
    },
  ];
}

function tag({ data }: TagError, state: RecordedError): ErrorEvent[] {
  const added = [...new Set(data.tagIds)].filter((tagId) => !state.tagIds.includes(tagId));
  if (state.tagIds.length + added.length > MAX_TAGS_PER_ERROR) throw new TooManyTags(state.errorId);
  return added.map((tagId) => ({ type: 'ErrorTagged', data: { errorId: state.errorId, tagId, taggedBy: data.by } }));
}

function requireOpen(state: RecordedError): void {
  if (state.status !== 'open') throw new ErrorNotOpen(state.errorId);
}

function severityNotification(
  error: Pick<RecordedError, 'errorId' | 'integrationId' | 'flowId' | 'flowStepId'>,
  occurrence: Occurrence,
  classification: Classification,
): SeverityNotificationRequested[] {
  if (classification.severity === 'none') return [];
  const { notificationErrorTitle, notificationErrorDescription, disableErrorDescription } = classification;
  return [
    {
      type: 'SeverityNotificationRequested',
      data: {
        errorId: error.errorId,
        integrationId: error.integrationId,
        flowId: error.flowId,
        flowStepId: error.flowStepId,
        severity: classification.severity,
        ...definedOnly({
          automationCreatorUserId: occurrence.automationCreatorUserId,
          notificationErrorTitle,
          notificationErrorDescription,
          disableErrorDescription,
        }),
      },
    },
  ];
}

export function truncateTraceKey(traceKey: string): string {
  return traceKey.slice(0, TRACE_KEY_MAX_LENGTH);
}
