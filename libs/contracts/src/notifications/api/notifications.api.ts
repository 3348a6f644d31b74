import { Static, Type } from '@sinclair/typebox';
import { Actor } from '../../envelope';

const id = Type.String({ minLength: 1, maxLength: 100 });
const timestamp = Type.String({ format: 'date-time' });

/** `/users/{userId}/subscriptions…`: `me` names the caller. */
export const SubscriberParams = Type.Object({ userId: id }, { additionalProperties: false });
export type SubscriberParams = Static<typeof SubscriberParams>;

export const SubscriptionParams = Type.Object({ userId: id, integrationId: id, flowId: id }, { additionalProperties: false });
export type SubscriptionParams = Static<typeof SubscriptionParams>;

export const Subscription = Type.Object(
  { integrationId: id, flowId: id, subscribedAt: timestamp, subscribedBy: Actor },
  { $id: 'Subscription' },
);
export type Subscription = Static<typeof Subscription>;

/** The flows whose error notifications a user gets. */
export const Subscriptions = Type.Object({ userId: id, subscriptions: Type.Array(Subscription) }, { $id: 'Subscriptions' });
export type Subscriptions = Static<typeof Subscriptions>;

export const EmailKind = Type.Union(['digest', 'invitation', 'error_notification', 'severity', 'assignment_refused'].map((kind) => Type.Literal(kind)));
export const EmailStatus = Type.Union(['pending', 'sent', 'failed', 'cancelled'].map((status) => Type.Literal(status)));

/** `GET /emails`: the account's emails, newest first, for owners and admins. */
export const EmailsQuery = Type.Object(
  {
    kind: Type.Optional(EmailKind),
    status: Type.Optional(EmailStatus),
    userId: Type.Optional(id),
    errorId: Type.Optional(Type.String({ format: 'uuid' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type EmailsQuery = Static<typeof EmailsQuery>;

export const AuditedEmail = Type.Object(
  {
    emailId: Type.String({ format: 'uuid' }),
    kind: EmailKind,
    userId: id,
    recipient: Type.String(),
    subject: Type.String(),
    errorIds: Type.Array(Type.String({ format: 'uuid' })),
    status: EmailStatus,
    attempts: Type.Integer({ minimum: 0 }),
    createdAt: timestamp,
    sentAt: Type.Union([timestamp, Type.Null()]),
    smtpMessageId: Type.Union([Type.String(), Type.Null()]),
    /** Why the last attempt failed (SMTP's answer); kept after a later success. */
    lastError: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'AuditedEmail' },
);
export type AuditedEmail = Static<typeof AuditedEmail>;

export const EmailsPage = Type.Object(
  { items: Type.Array(AuditedEmail), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'EmailsPage' },
);
export type EmailsPage = Static<typeof EmailsPage>;

export const EmailParams = Type.Object({ emailId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export type EmailParams = Static<typeof EmailParams>;
