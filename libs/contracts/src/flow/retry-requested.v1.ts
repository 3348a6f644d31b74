import { Static, Type } from '@sinclair/typebox';
import { externalEventSchema, Timestamp, Uuid } from '../envelope';

const id = Type.String({ minLength: 1, maxLength: 100 });

/**
 * Someone retried an error: the runtime runs the step again with `retryData` (as edited), not
 * before `notBefore`, and answers with RetrySucceeded (retryId, errorId) or a new ErrorOccurred.
 * Keyed by flowId on flow.commands.v1.
 */
export const RetryRequestedV1 = externalEventSchema(
  'RetryRequested',
  1,
  Type.Object(
    {
      retryId: Uuid,
      errorId: Uuid,
      integrationId: id,
      flowId: id,
      flowStepId: id,
      runId: id,
      notBefore: Timestamp,
      retryDataKey: Type.Optional(Type.String()),
      retryData: Type.Optional(Type.Unknown()),
    },
    { additionalProperties: false },
  ),
  'The errors app asks the runtime to retry a failed step for a person.',
);
export type RetryRequestedV1 = Static<typeof RetryRequestedV1>;

/** A pending retry (automatic or manual) was cancelled before its not-before time: do not run it. */
export const RetryCancelledV1 = externalEventSchema(
  'RetryCancelled',
  1,
  Type.Object({ retryId: Uuid, integrationId: id, flowId: id, flowStepId: id }, { additionalProperties: false }),
  'The errors app calls off a retry it scheduled.',
);
export type RetryCancelledV1 = Static<typeof RetryCancelledV1>;
