import { Static, Type } from '@sinclair/typebox';
import { externalEventSchema, Timestamp } from '../envelope';

/** The kind of flow step that failed; retry policy depends on it (webhooks never retry). */
export const StepType = Type.Union([
  Type.Literal('export'),
  Type.Literal('import'),
  Type.Literal('lookup'),
  Type.Literal('transform'),
  Type.Literal('custom_action'),
  Type.Literal('webhook'),
]);
export type StepType = Static<typeof StepType>;

const text = (maxLength: number) => Type.String({ maxLength });

/** What a runtime reports of a failed step, in every version of ErrorOccurred. */
const failedStep = {
  integrationId: Type.String({ minLength: 1, maxLength: 100 }),
  flowId: Type.String({ minLength: 1, maxLength: 100 }),
  flowStepId: Type.String({ minLength: 1, maxLength: 100 }),
  stepType: StepType,
  runId: Type.String({ minLength: 1, maxLength: 100 }),
  message: Type.String({ minLength: 1, maxLength: 10_000 }),
  code: Type.Optional(text(200)),
  source: Type.Optional(text(200)),
  httpStatus: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  responseBody: Type.Optional(Type.Unknown()),
  severityCode: Type.Optional(Type.Integer()),
  notificationErrorTitle: Type.Optional(text(500)),
  notificationErrorDescription: Type.Optional(text(5_000)),
  runtimeErrorDescription: Type.Optional(text(5_000)),
  disableErrorDescription: Type.Optional(text(5_000)),
  /** Identifies the record a step failed on; errors sharing it go to the same assignee. */
  retryDataKey: Type.Optional(text(500)),
  /** Identifies one record across runs; runtimes truncate it to 128 characters. */
  traceKey: Type.Optional(text(10_000)),
  /** The record as the step saw it, editable before a manual retry. */
  retryData: Type.Optional(Type.Unknown()),
  attempt: Type.Optional(Type.Integer({ minimum: 1 })),
  firstAttemptAt: Type.Optional(Timestamp),
  automationCreatorUserId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
};

/**
 * A flow runtime reports one failed step. Severity fields may also arrive only inside
 * `responseBody` (the called app's response); they count only with an HTTP status 400–599.
 */
export const ErrorOccurredV1 = externalEventSchema(
  'ErrorOccurred',
  1,
  Type.Object(failedStep, { additionalProperties: false }),
  'A flow runtime reports that one step of a run failed.',
);
export type ErrorOccurredV1 = Static<typeof ErrorOccurredV1>;

/**
 * Version 2 adds what people read: the names of the integration, the flow and the step, when the
 * runtime knows them (the ids stay the keys). Faultline reads both versions; a v1 report is read
 * as a v2 without names.
 */
export const ErrorOccurredV2 = externalEventSchema(
  'ErrorOccurred',
  2,
  Type.Object(
    {
      ...failedStep,
      integrationName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      flowName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      flowStepName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    },
    { additionalProperties: false },
  ),
  'A flow runtime reports that one step of a run failed, with the names people know its integration, flow and step by.',
);
export type ErrorOccurredV2 = Static<typeof ErrorOccurredV2>;
