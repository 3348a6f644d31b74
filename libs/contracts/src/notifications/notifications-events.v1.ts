import { Static, Type } from '@sinclair/typebox';
import { closed, externalEventSchema, Uuid } from '../envelope';

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
  closed({ emailId: Uuid, userId: id, fromAssignment: Type.Boolean(), smtpMessageId: Type.String() }),
  'The notifications app sent an invitation email.',
);
export type InvitationEmailSentV1 = Static<typeof InvitationEmailSentV1>;
