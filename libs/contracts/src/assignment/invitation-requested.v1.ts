import { Static, Type } from '@sinclair/typebox';
import { externalEventSchema } from '../envelope';

const id = Type.String({ minLength: 1, maxLength: 100 });

/**
 * "Assign to new user": the assignment app asks identity to invite an email with monitor access
 * to the integrations of the errors being assigned (a pending invitee's access is widened
 * instead). Identity answers with `InvitationRequestCompleted` or `InvitationRequestRefused`
 * (same correlationId, causationId = this eventId). Keyed by accountId.
 */
export const InvitationRequestedV1 = externalEventSchema(
  'InvitationRequested',
  1,
  Type.Object(
    {
      requestId: Type.String({ format: 'uuid' }),
      email: Type.String({ format: 'email', maxLength: 254 }),
      integrationIds: Type.Array(id, { minItems: 1, maxItems: 1_000, uniqueItems: true }),
      /** The errors waiting for the invitee: a new invitee's invitation email names them. */
      errorIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 1_000 })),
      /** The user assigning; identity invites on their behalf, under their permissions. */
      requestedBy: id,
    },
    { additionalProperties: false },
  ),
  'The assignment app asks identity to invite a new email as part of assigning errors to it.',
);
export type InvitationRequestedV1 = Static<typeof InvitationRequestedV1>;
