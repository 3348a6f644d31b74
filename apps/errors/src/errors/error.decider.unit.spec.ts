import { deciderSpec } from '@faultline/testing';
import { classify } from './classification/classification.rules';
import {
  decide,
  ErrorAlreadyRecorded,
  ErrorCommand,
  ErrorNotFound,
  ErrorNotOpen,
  evolve,
  initialState,
  Occurrence,
  RecordError,
  TooManyTags,
} from './error.decider';
import type { Actor, ErrorEvent, ErrorRecorded, ErrorResolved, SeverityNotificationRequested } from './error.events';

const spec = deciderSpec({ decide, evolve, initialState });
const now = new Date('2026-11-23T10:00:05.000Z');

const occurrence: Occurrence = {
  accountId: 'acc-1',
  integrationId: 'int-1',
  flowId: 'flow-1',
  flowStepId: 'step-1',
  stepType: 'import',
  runId: 'run-1',
  message: 'Customer is missing a billing address',
  httpStatus: 422,
  retryDataKey: 'order-1001',
  occurredAt: '2026-11-23T10:00:00.000Z',
};

const record = (errorId: string, overrides: Partial<Occurrence> = {}): RecordError => {
  const reported = { ...occurrence, ...overrides };
  return { type: 'RecordError', data: { errorId, occurrence: reported, classification: classify(reported), now } };
};

/** The same record failing again, read as ingest reads it. */
const occurredAgain = (reported: Occurrence) => ({ occurrence: reported, classification: classify(reported) });

const recorded = (errorId: string, overrides: Partial<ErrorRecorded['data']> = {}): ErrorRecorded => ({
  type: 'ErrorRecorded',
  data: {
    errorId,
    ...occurrence,
    errorClass: 'missing',
    severity: 'none',
    httpStatusName: 'UNPROCESSABLE_ENTITY',
    recordedAt: now.toISOString(),
    ...overrides,
  },
});

const notificationRequested = (
  errorId: string,
  severity: 'medium' | 'high',
  texts: Partial<SeverityNotificationRequested['data']> = {},
): SeverityNotificationRequested => ({
  type: 'SeverityNotificationRequested',
  data: { errorId, integrationId: 'int-1', flowId: 'flow-1', flowStepId: 'step-1', severity, ...texts },
});

describe('recording an error', () => {
  it('a reported failure becomes a recorded error, stamped with the time it was recorded', () => {
    spec.given([]).when(record('e-1')).then([recorded('e-1')]);
  });

  it('a trace key longer than 128 characters is cut to 128, as runtimes do', () => {
    const longKey = 'k'.repeat(300);
    spec.given([]).when(record('e-1', { traceKey: longKey })).then([recorded('e-1', { traceKey: 'k'.repeat(128) })]);
  });

  it('a trace key of 128 characters or fewer is kept as it is', () => {
    spec.given([]).when(record('e-1', { traceKey: 'order-7' })).then([recorded('e-1', { traceKey: 'order-7' })]);
  });

  it('an error already recorded is not recorded again', () => {
    spec.given([recorded('e-1')]).when(record('e-1')).thenRefuses(ErrorAlreadyRecorded);
  });
});

describe('classifying a recorded error', () => {
  const severityTexts = {
    notificationErrorTitle: 'Group deleted',
    notificationErrorDescription: 'Pick another group',
    runtimeErrorDescription: 'Group 42 does not exist',
    disableErrorDescription: 'Disabled until a group is chosen',
  };

  it('a 6000 with a 4xx status is high severity with its texts, and names no plain status', () => {
    spec
      .given([])
      .when(record('e-1', { httpStatus: 404, signals: { severityCode: 6000, ...severityTexts } }))
      .then([
        recorded('e-1', { httpStatus: 404, severity: 'high', httpStatusName: undefined, ...severityTexts }),
        notificationRequested('e-1', 'high', {
          notificationErrorTitle: 'Group deleted',
          notificationErrorDescription: 'Pick another group',
          disableErrorDescription: 'Disabled until a group is chosen',
        }),
      ]);
  });

  it('a 4000 read from the response body is medium severity, without a disable message', () => {
    const { disableErrorDescription: _ignored, ...mediumTexts } = severityTexts;
    spec
      .given([])
      .when(record('e-1', { httpStatus: 500, message: 'Bad email', signals: { responseBody: { severityCode: 4000, ...severityTexts } } }))
      .then([
        recorded('e-1', {
          httpStatus: 500,
          message: 'Bad email',
          errorClass: 'application',
          severity: 'medium',
          httpStatusName: undefined,
          ...mediumTexts,
        }),
        notificationRequested('e-1', 'medium', { notificationErrorTitle: 'Group deleted', notificationErrorDescription: 'Pick another group' }),
      ]);
  });

  it('a severity code without an error status counts for nothing', () => {
    spec
      .given([])
      .when(record('e-1', { httpStatus: undefined, message: 'Customer is missing', signals: { severityCode: 6000 } }))
      .then([recorded('e-1', { httpStatus: undefined, message: 'Customer is missing', httpStatusName: undefined })]);
  });

  it('a plain 401 is named for the activity log, with no severity', () => {
    spec
      .given([])
      .when(record('e-1', { httpStatus: 401, message: 'Bad credentials' }))
      .then([recorded('e-1', { httpStatus: 401, message: 'Bad credentials', errorClass: 'application', httpStatusName: 'UNAUTHORIZED' })]);
  });
});

describe('the plain HTTP statuses of seed 002', () => {
  it.each([
    [401, 'UNAUTHORIZED'],
    [402, 'PAYMENT_REQUIRED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [410, 'GONE'],
    [422, 'UNPROCESSABLE_ENTITY'],
  ])('a %i without a severity code is logged as %s, with no severity and no notification', (httpStatus, name) => {
    const events = decide(record('e-1', { httpStatus }), initialState());
    expect(events.map((event) => event.type)).toEqual(['ErrorRecorded']);
    expect(events[0]?.data).toMatchObject({ httpStatusName: name, severity: 'none' });
  });

  it.each([400, 409, 500, 503])('a %i is a plain error, named nowhere', (httpStatus) => {
    const [event] = decide(record('e-1', { httpStatus }), initialState());
    expect(event?.data).toMatchObject({ severity: 'none' });
    expect(event?.data).not.toHaveProperty('httpStatusName');
  });

  it.each([
    [4000, 200],
    [6000, 302],
    [6000, 600],
  ])('a %i with status %i is no severity and asks for no notification', (severityCode, httpStatus) => {
    const events = decide(record('e-1', { httpStatus, signals: { severityCode } }), initialState());
    expect(events.map((event) => [event.type, 'severity' in event.data && event.data.severity])).toEqual([['ErrorRecorded', 'none']]);
  });

  it.each([
    [4000, 400, 'medium'],
    [4000, 599, 'medium'],
    [6000, 400, 'high'],
    [6000, 503, 'high'],
  ])('a %i with status %i is %s and asks to notify the automation’s creator', (severityCode, httpStatus, severity) => {
    const events = decide(
      record('e-1', { httpStatus, automationCreatorUserId: 'usr-creator', signals: { severityCode, notificationErrorTitle: 'Fix it' } }),
      initialState(),
    );
    expect(events[1]).toEqual(notificationRequested('e-1', severity as 'medium', { automationCreatorUserId: 'usr-creator', notificationErrorTitle: 'Fix it' }));
  });
});

const alice: Actor = { type: 'user', id: 'usr-alice' };
const later = new Date('2026-11-23T11:00:00.000Z');
const command = <T extends ErrorCommand['type']>(type: T, data: Extract<ErrorCommand, { type: T }>['data']) =>
  ({ type, data }) as Extract<ErrorCommand, { type: T }>;
const resolved = (reason: ErrorResolved['data']['reason'], extra: Partial<ErrorResolved['data']> = {}): ErrorEvent => ({
  type: 'ErrorResolved',
  data: { errorId: 'e-1', reason, resolvedBy: alice, resolvedAt: later.toISOString(), ...extra },
});

describe('the same record failing again', () => {
  it('counts another occurrence on the open error, naming its step, and keeps the newest retry data', () => {
    spec
      .given([recorded('e-1', { traceKey: 'order-1' })])
      .when(command('RecordOccurrenceAgain', occurredAgain({ ...occurrence, runId: 'run-2', retryData: { id: 2 } })))
      .then([
        {
          type: 'ErrorOccurredAgain',
          data: {
            errorId: 'e-1',
            integrationId: 'int-1',
            flowId: 'flow-1',
            flowStepId: 'step-1',
            occurrences: 2,
            runId: 'run-2',
            message: occurrence.message,
            httpStatus: 422,
            occurredAt: occurrence.occurredAt,
            errorClass: 'missing',
            severity: 'none',
            httpStatusName: 'UNPROCESSABLE_ENTITY',
            retryData: { id: 2 },
          },
        },
      ]);
  });

  it('the third occurrence is counted as the third', () => {
    const again = decide(command('RecordOccurrenceAgain', occurredAgain(occurrence)), evolve(initialState(), recorded('e-1')));
    const [third] = decide(command('RecordOccurrenceAgain', occurredAgain(occurrence)), [recorded('e-1'), ...again].reduce(evolve, initialState()));
    expect(third?.data).toMatchObject({ occurrences: 3 });
  });

  it('a repeated failure with a severity code asks for a notification again', () => {
    const events = decide(
      command('RecordOccurrenceAgain', occurredAgain({ ...occurrence, httpStatus: 500, signals: { severityCode: 4000 } })),
      evolve(initialState(), recorded('e-1')),
    );
    expect(events.map((event) => event.type)).toEqual(['ErrorOccurredAgain', 'SeverityNotificationRequested']);
  });
});

describe('resolving and reopening', () => {
  it.each(['user', 'retry_succeeded', 'record_succeeded'] as const)('an open error is resolved (reason %s)', (reason) => {
    spec.given([recorded('e-1')]).when(command('ResolveError', { reason, by: alice, now: later })).then([resolved(reason)]);
  });

  it('a superseded error names the error that replaced it', () => {
    spec
      .given([recorded('e-1')])
      .when(command('ResolveError', { reason: 'superseded', by: alice, now: later, supersededBy: 'e-2' }))
      .then([resolved('superseded', { supersededBy: 'e-2' })]);
  });

  it('resolving a resolved error changes nothing', () => {
    spec.given([recorded('e-1'), resolved('user')]).when(command('ResolveError', { reason: 'user', by: alice, now: later })).then([]);
  });

  it('a resolved error can be reopened, an open one stays as it is', () => {
    const reopened: ErrorEvent = { type: 'ErrorReopened', data: { errorId: 'e-1', reopenedBy: alice, reopenedAt: later.toISOString() } };
    spec.given([recorded('e-1'), resolved('user')]).when(command('ReopenError', { by: alice, now: later })).then([reopened]);
    spec.given([recorded('e-1')]).when(command('ReopenError', { by: alice, now: later })).then([]);
  });

  it('an error never recorded cannot be resolved', () => {
    spec.given([]).when(command('ResolveError', { reason: 'user', by: alice, now: later })).thenRefuses(ErrorNotFound);
  });

  it("a runtime's successful retry resolves its account's error, naming the run; another account's error or an unknown one stays as it is", () => {
    const success = (accountId: string) => command('RecordRetrySuccess', { accountId, runId: 'run-7', by: alice, now: later });
    spec.given([recorded('e-1')]).when(success('acc-1')).then([resolved('retry_succeeded', { runId: 'run-7' })]);
    spec.given([recorded('e-1')]).when(success('acc-2')).then([]);
    spec.given([]).when(success('acc-1')).then([]);
  });
});

describe('tagging', () => {
  const tagged = (tagId: string): ErrorEvent => ({ type: 'ErrorTagged', data: { errorId: 'e-1', tagId, taggedBy: alice } });

  it('tags not yet on the error are added, once each', () => {
    spec.given([recorded('e-1'), tagged('t-1')]).when(command('TagError', { tagIds: ['t-1', 't-2', 't-2'], by: alice })).then([tagged('t-2')]);
  });

  it('a third tag is accepted, a fourth refused, and nothing is added then', () => {
    spec.given([recorded('e-1'), tagged('t-1'), tagged('t-2')]).when(command('TagError', { tagIds: ['t-3'], by: alice })).then([tagged('t-3')]);
    spec.given([recorded('e-1'), tagged('t-1'), tagged('t-2')]).when(command('TagError', { tagIds: ['t-3', 't-4'], by: alice })).thenRefuses(TooManyTags);
  });

  it('resolved errors can be tagged too', () => {
    spec.given([recorded('e-1'), resolved('user')]).when(command('TagError', { tagIds: ['t-1'], by: alice })).then([tagged('t-1')]);
  });

  it('removing tags removes only those on the error, with the reason', () => {
    spec
      .given([recorded('e-1'), tagged('t-1')])
      .when(command('UntagError', { tagIds: ['t-1', 't-9'], by: alice, reason: 'tag_deleted' }))
      .then([{ type: 'ErrorUntagged', data: { errorId: 'e-1', tagId: 't-1', untaggedBy: alice, reason: 'tag_deleted' } }]);
  });
});

describe('editing retry data and retrying', () => {
  const withData = recorded('e-1', { retryData: { email: 'bad' } });

  it('edited retry data keeps what it replaced', () => {
    spec
      .given([withData])
      .when(command('EditRetryData', { retryData: { email: 'good@example.com' }, by: alice }))
      .then([
        { type: 'RetryDataEdited', data: { errorId: 'e-1', retryData: { email: 'good@example.com' }, previousRetryData: { email: 'bad' }, editedBy: alice } },
      ]);
  });

  it('a retry carries the edited retry data', () => {
    const edited: ErrorEvent = { type: 'RetryDataEdited', data: { errorId: 'e-1', retryData: { email: 'ok@example.com' }, editedBy: alice } };
    spec
      .given([withData, edited])
      .when(command('RequestRetry', { retryId: 'r-1', notBefore: later, by: alice }))
      .then([
        {
          type: 'ErrorRetryRequested',
          data: { errorId: 'e-1', retryId: 'r-1', retryData: { email: 'ok@example.com' }, notBefore: later.toISOString(), requestedBy: alice },
        },
      ]);
  });

  it('a resolved error is neither edited nor retried', () => {
    spec.given([withData, resolved('user')]).when(command('EditRetryData', { retryData: {}, by: alice })).thenRefuses(ErrorNotOpen);
    spec.given([withData, resolved('user')]).when(command('RequestRetry', { retryId: 'r-1', notBefore: later, by: alice })).thenRefuses(ErrorNotOpen);
  });
});
