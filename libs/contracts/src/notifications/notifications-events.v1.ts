import { Static, Type } from '@sinclair/typebox';
import { Actor, closed, domainEventSchema, externalEventSchema, Uuid } from '../envelope';

const id = Type.String({ minLength: 1, maxLength: 100 });

/**
 * An assignment digest email went out (one part of a split digest is one event).
 * notifications.events.v1 is keyed by the recipient's userId.
 */
export const DigestSentV1 = externalEventSchema(
  'DigestSent',
  1,
  closed({
    emailId: Uuid,
    userId: id,
    errorIds: Type.Array(Uuid, { minItems: 1, maxItems: 1_000 }),
    part: Type.Integer({ minimum: 1 }),
    of: Type.Integer({ minimum: 1 }),
    smtpMessageId: Type.String(),
  }),
  'The notifications app sent an assignment digest email.',
);
export type DigestSentV1 = Static<typeof DigestSentV1>;

/** The invitation email went out, with the acceptance link, to the invited user. Keyed by userId. */
export const InvitationEmailSentV1 = externalEventSchema(
  'InvitationEmailSent',
  1,
  closed({
    emailId: Uuid,
    userId: id,
    fromAssignment: Type.Boolean(),
    /** The errors assigned with the invitation that the email named. */
    errorIds: Type.Optional(Type.Array(Uuid, { maxItems: 1_000 })),
    smtpMessageId: Type.String(),
  }),
  'The notifications app sent an invitation email.',
);
export type InvitationEmailSentV1 = Static<typeof InvitationEmailSentV1>;

/**
 * A summary of a subscribed user's flows went out: the errors new since the last summary, the
 * ones resolved since (never an error auto-resolved before any email mentioned it), and how
 * many are still open in those flows. Keyed by userId.
 */
export const ErrorNotificationSentV1 = externalEventSchema(
  'ErrorNotificationSent',
  1,
  closed({
    emailId: Uuid,
    userId: id,
    newErrorIds: Type.Array(Uuid),
    resolvedErrorIds: Type.Array(Uuid),
    openErrors: Type.Integer({ minimum: 0 }),
    smtpMessageId: Type.String(),
  }),
  'The notifications app sent an error notification summary for the flows a user subscribed to.',
);
export type ErrorNotificationSentV1 = Static<typeof ErrorNotificationSentV1>;

/** The automation's creator (or the account owner) was told of a 4000 or 6000. Keyed by userId. */
export const SeverityNotificationSentV1 = externalEventSchema(
  'SeverityNotificationSent',
  1,
  closed({
    emailId: Uuid,
    userId: id,
    errorId: Uuid,
    severity: Type.Union([Type.Literal('medium'), Type.Literal('high')]),
    smtpMessageId: Type.String(),
  }),
  "The notifications app sent a severity notification to the automation's creator.",
);
export type SeverityNotificationSentV1 = Static<typeof SeverityNotificationSentV1>;

/** The person who assigned errors to an email was told identity refused the invitation. Keyed by userId. */
export const AssignmentRefusalSentV1 = externalEventSchema(
  'AssignmentRefusalSent',
  1,
  closed({ emailId: Uuid, userId: id, requestId: Uuid, code: Type.String(), smtpMessageId: Type.String() }),
  'The notifications app told the person assigning errors to an email that its invitation was refused, and by which rule.',
);
export type AssignmentRefusalSentV1 = Static<typeof AssignmentRefusalSentV1>;

const subscription = {
  userId: id,
  integrationId: id,
  flowId: id,
};

/** A user subscribed to a flow's error notifications (themselves, or an admin for them). aggregateId is the user's subscriptions stream. */
export const FlowSubscribedV1 = domainEventSchema(
  'FlowSubscribed',
  1,
  closed({ ...subscription, subscribedBy: Actor }),
  "A user will get summaries of a flow's errors.",
);
export type FlowSubscribedV1 = Static<typeof FlowSubscribedV1>;

export const FlowUnsubscribedV1 = domainEventSchema(
  'FlowUnsubscribed',
  1,
  closed({ ...subscription, unsubscribedBy: Actor }),
  "A user no longer gets summaries of a flow's errors.",
);
export type FlowUnsubscribedV1 = Static<typeof FlowUnsubscribedV1>;

export const NotificationsEventsV1 = [
  DigestSentV1,
  InvitationEmailSentV1,
  ErrorNotificationSentV1,
  SeverityNotificationSentV1,
  AssignmentRefusalSentV1,
  FlowSubscribedV1,
  FlowUnsubscribedV1,
] as const;
