import { Static, Type } from '@sinclair/typebox';
import { Actor, domainEventSchema, Uuid } from '../envelope';

const id = Type.String({ minLength: 1, maxLength: 100 });

/** assignment.events.v1 is keyed by errorId; aggregateId is the error's id. */
export const ErrorAssignedV1 = domainEventSchema(
  'ErrorAssigned',
  1,
  Type.Object(
    {
      /** This assignment; cascades name it as their `sourceAssignmentId`. */
      assignmentId: Uuid,
      errorId: Uuid,
      assigneeUserId: id,
      previousAssigneeUserId: Type.Optional(id),
      assignedBy: Actor,
      /** The assignee assigned the error to themselves: nobody is notified. */
      selfAssigned: Type.Boolean(),
      cause: Type.Union([Type.Literal('manual'), Type.Literal('retryDataKey'), Type.Literal('traceKey')]),
      /** For cascades: the manual assignment that set the rule off. */
      sourceAssignmentId: Type.Optional(Uuid),
      /** For cascades: the error whose assignment the rule followed. */
      sourceErrorId: Type.Optional(Uuid),
    },
    { additionalProperties: false },
  ),
  'An error was assigned to a user (manually or by an automatic assignment rule).',
);
export type ErrorAssignedV1 = Static<typeof ErrorAssignedV1>;

export const ErrorUnassignedV1 = domainEventSchema(
  'ErrorUnassigned',
  1,
  Type.Object(
    {
      errorId: Uuid,
      previousAssigneeUserId: id,
      unassignedBy: Actor,
      /** Why: someone cleared it, or the assignee's invitation was revoked. Absent means cleared. */
      reason: Type.Optional(Type.Union([Type.Literal('cleared'), Type.Literal('invitation_revoked'), Type.Literal('user_deactivated')])),
    },
    { additionalProperties: false },
  ),
  "An error's assignment was cleared.",
);
export type ErrorUnassignedV1 = Static<typeof ErrorUnassignedV1>;
