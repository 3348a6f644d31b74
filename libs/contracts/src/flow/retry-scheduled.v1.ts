import { Static, Type } from '@sinclair/typebox';
import { externalEventSchema, Timestamp } from '../envelope';

const id = Type.String({ minLength: 1, maxLength: 100 });

/**
 * The errors app tells the runtime to run a failed custom action again, not before
 * `notBefore`, as attempt `attempt` (seed 002: retried for 30 minutes from the first attempt,
 * unless the app answered with a 4xx or a severity code). Keyed by flowId on flow.commands.v1.
 */
export const RetryScheduledV1 = externalEventSchema(
  'RetryScheduled',
  1,
  Type.Object(
    {
      /** Echoed in RetrySucceeded, and named by RetryCancelled. */
      retryId: Type.String({ format: 'uuid' }),
      integrationId: id,
      flowId: id,
      flowStepId: id,
      runId: id,
      /** The ErrorOccurred this retry answers. */
      failedEventId: Type.String({ format: 'uuid' }),
      attempt: Type.Integer({ minimum: 2 }),
      firstAttemptAt: Timestamp,
      notBefore: Timestamp,
      retryDataKey: Type.Optional(Type.String()),
      retryData: Type.Optional(Type.Unknown()),
    },
    { additionalProperties: false },
  ),
  'The errors app schedules an automatic retry of a failed custom action.',
);
export type RetryScheduledV1 = Static<typeof RetryScheduledV1>;
