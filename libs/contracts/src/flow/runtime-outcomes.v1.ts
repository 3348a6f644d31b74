import { Static, Type } from '@sinclair/typebox';
import { externalEventSchema, Uuid } from '../envelope';

const id = Type.String({ minLength: 1, maxLength: 100 });

/** A retry the errors app asked for ran and succeeded; it resolves the retried error. Keyed by flowStepId. */
export const RetrySucceededV1 = externalEventSchema(
  'RetrySucceeded',
  1,
  Type.Object(
    {
      integrationId: id,
      flowId: id,
      flowStepId: id,
      runId: id,
      /** The retryId of the RetryScheduled or RetryRequested that ran. */
      retryId: Uuid,
      /** Manual retries: the error they retried. */
      errorId: Type.Optional(Uuid),
    },
    { additionalProperties: false },
  ),
  'A flow runtime reports that a retry succeeded.',
);
export type RetrySucceededV1 = Static<typeof RetrySucceededV1>;

/**
 * A record (trace key) went through a flow step successfully. Where the flow auto-resolves by
 * trace key, it resolves the step's open errors with that key. Keyed by flowStepId.
 */
export const RecordSucceededV1 = externalEventSchema(
  'RecordSucceeded',
  1,
  Type.Object(
    {
      integrationId: id,
      flowId: id,
      flowStepId: id,
      runId: id,
      /** Cut to 128 characters, as runtimes do. */
      traceKey: Type.String({ minLength: 1, maxLength: 10_000 }),
    },
    { additionalProperties: false },
  ),
  'A flow runtime reports that a record succeeded at a flow step.',
);
export type RecordSucceededV1 = Static<typeof RecordSucceededV1>;
