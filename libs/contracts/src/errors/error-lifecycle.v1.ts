import { Static, Type } from '@sinclair/typebox';
import { Actor, closed, domainEventSchema, Timestamp, Uuid } from '../envelope';
import { ErrorClassName, SeverityName } from './error-recorded.v1';


/** errors.events.v1 is keyed by errorId; aggregateId is the error's id. */
export const ErrorOccurredAgainV1 = domainEventSchema(
  'ErrorOccurredAgain',
  1,
  closed({
    errorId: Uuid,
    occurrences: Type.Integer({ minimum: 2 }),
    runId: Type.String({ minLength: 1 }),
    message: Type.String(),
    httpStatus: Type.Optional(Type.Integer()),
    errorClass: ErrorClassName,
    severity: SeverityName,
    httpStatusName: Type.Optional(Type.String()),
    occurredAt: Timestamp,
  }),
  'The record of an open error (same flow step, same trace key) failed again; auto-resolve is off for its flow.',
);
export type ErrorOccurredAgainV1 = Static<typeof ErrorOccurredAgainV1>;

export const ResolutionReasonName = Type.Union([
  Type.Literal('user'),
  Type.Literal('retry_succeeded'),
  Type.Literal('superseded'),
  Type.Literal('record_succeeded'),
]);

export const ErrorResolvedV1 = domainEventSchema(
  'ErrorResolved',
  1,
  closed({
    errorId: Uuid,
    reason: ResolutionReasonName,
    resolvedBy: Actor,
    /** With reason `superseded`: the newer error of the same trace key, which inherits the assignee. */
    supersededBy: Type.Optional(Uuid),
    note: Type.Optional(Type.String()),
  }),
  'An error was resolved: by a person, by a successful retry, by a newer error with its trace key, or because its record later succeeded.',
);
export type ErrorResolvedV1 = Static<typeof ErrorResolvedV1>;

export const ErrorReopenedV1 = domainEventSchema(
  'ErrorReopened',
  1,
  closed({ errorId: Uuid, reopenedBy: Actor }),
  'A resolved error was opened again by a person.',
);
export type ErrorReopenedV1 = Static<typeof ErrorReopenedV1>;

export const ErrorTaggedV1 = domainEventSchema(
  'ErrorTagged',
  1,
  closed({ errorId: Uuid, tagId: Uuid, taggedBy: Actor }),
  'A tag of the account was put on an error.',
);
export type ErrorTaggedV1 = Static<typeof ErrorTaggedV1>;

export const ErrorUntaggedV1 = domainEventSchema(
  'ErrorUntagged',
  1,
  closed({
    errorId: Uuid,
    tagId: Uuid,
    untaggedBy: Actor,
    reason: Type.Union([Type.Literal('removed'), Type.Literal('tag_deleted')]),
  }),
  'A tag was taken off an error (by a person, or because the tag was deleted).',
);
export type ErrorUntaggedV1 = Static<typeof ErrorUntaggedV1>;

export const ErrorRetryRequestedV1 = domainEventSchema(
  'ErrorRetryRequested',
  1,
  closed({ errorId: Uuid, retryId: Uuid, notBefore: Timestamp, requestedBy: Actor }),
  'Someone retried an error; the runtime gets RetryRequested on flow.commands.v1 with the retry data.',
);
export type ErrorRetryRequestedV1 = Static<typeof ErrorRetryRequestedV1>;



/**
 * The retention period of the error's account passed since it last occurred: the error, its
 * retry data and its history are gone. Apps drop their copies. aggregateVersion is one past
 * the error's last event.
 */
export const ErrorPurgedV1 = domainEventSchema(
  'ErrorPurged',
  1,
  closed({ errorId: Uuid, retentionDays: Type.Integer({ minimum: 1 }) }),
  "An error was purged at the end of its account's retention period.",
);
export type ErrorPurgedV1 = Static<typeof ErrorPurgedV1>;

export const ErrorLifecycleEventsV1 = [
  ErrorOccurredAgainV1,
  ErrorResolvedV1,
  ErrorReopenedV1,
  ErrorTaggedV1,
  ErrorUntaggedV1,
  ErrorRetryRequestedV1,
  ErrorPurgedV1,
] as const;
