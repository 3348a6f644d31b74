import { Static, Type } from '@sinclair/typebox';
import { domainEventSchema, Timestamp } from '../envelope';
import { StepType } from '../flow/error-occurred';

/** The errors app has opened an error for a failed step; the error's id is the aggregate id. */
export const ErrorClassName = Type.Union(
  ['connection', 'intermittent', 'rate_limit', 'value', 'missing', 'too_large', 'parse', 'duplicate', 'application', 'unknown'].map(
    (name) => Type.Literal(name),
  ),
);
/** Seed 002: 4000 is medium (the run failed), 6000 is high (the automation is disabled). */
export const SeverityName = Type.Union([Type.Literal('none'), Type.Literal('medium'), Type.Literal('high')]);

export const ErrorRecordedV1 = domainEventSchema(
  'ErrorRecorded',
  1,
  Type.Object(
    {
      errorId: Type.String({ format: 'uuid' }),
      integrationId: Type.String({ minLength: 1 }),
      flowId: Type.String({ minLength: 1 }),
      flowStepId: Type.String({ minLength: 1 }),
      /** The names the runtime gave them, when it did (ErrorOccurred v2). */
      integrationName: Type.Optional(Type.String()),
      flowName: Type.Optional(Type.String()),
      flowStepName: Type.Optional(Type.String()),
      stepType: StepType,
      runId: Type.String({ minLength: 1 }),
      message: Type.String(),
      code: Type.Optional(Type.String()),
      source: Type.Optional(Type.String()),
      httpStatus: Type.Optional(Type.Integer()),
      retryDataKey: Type.Optional(Type.String()),
      traceKey: Type.Optional(Type.String({ maxLength: 128 })),
      errorClass: ErrorClassName,
      severity: SeverityName,
      httpStatusName: Type.Optional(Type.String()),
      occurredAt: Timestamp,
    },
    { additionalProperties: false },
  ),
  'An error was recorded from a failed flow step.',
);
export type ErrorRecordedV1 = Static<typeof ErrorRecordedV1>;
