import { Static, Type } from '@sinclair/typebox';
import { RecordSucceededV1, RetrySucceededV1 } from '../../flow/runtime-outcomes.v1';
import { ErrorOccurredV1 } from '../../flow/error-occurred';

export const MAX_REPORTS_PER_REQUEST = 1_000;

const FlowReport = Type.Union([ErrorOccurredV1, RetrySucceededV1, RecordSucceededV1]);

/** `POST /internal/flow-reports`: one report, or an array of them, each exactly as on flow.errors.v1. */
export const FlowReportsRequest = Type.Union([FlowReport, Type.Array(FlowReport, { minItems: 1, maxItems: MAX_REPORTS_PER_REQUEST })], {
  description: `One report, or an array of up to ${MAX_REPORTS_PER_REQUEST}, each as on flow.errors.v1`,
});

/** The reports are durably handled: how many were accepted, and which were refused by a rule (they are on the DLQ too). */
export const FlowReportsAnswer = Type.Object({
  accepted: Type.Integer({ minimum: 0 }),
  refused: Type.Array(Type.Object({ eventId: Type.String(), reason: Type.String() })),
});
export type FlowReportsAnswer = Static<typeof FlowReportsAnswer>;
