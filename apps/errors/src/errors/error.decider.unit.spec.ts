import { deciderSpec } from '@faultline/testing';
import { decide, ErrorAlreadyRecorded, evolve, initialState, Occurrence, RecordError } from './error.decider';
import type { ErrorRecorded } from './error.events';

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

const record = (errorId: string, overrides: Partial<Occurrence> = {}): RecordError => ({
  type: 'RecordError',
  data: { errorId, occurrence: { ...occurrence, ...overrides }, now },
});

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
      .then([recorded('e-1', { httpStatus: 404, severity: 'high', httpStatusName: undefined, ...severityTexts })]);
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
