import { Static, Type } from '@sinclair/typebox';
import { Actor } from '../../envelope';
import { ErrorsFilter } from '../../errors/api/errors-list.api';

const uuid = Type.String({ format: 'uuid' });
const id = Type.String({ minLength: 1, maxLength: 100 });
const errorIds = Type.Array(uuid, { minItems: 1, maxItems: 1_000, uniqueItems: true });

/**
 * `POST /assignments`: assign errors (up to 1,000) to an existing user of the account
 * (`assigneeUserId`) or to a new one (`email`: they are invited and get the errors on acceptance).
 */
export const AssignRequest = Type.Object(
  {
    errorIds,
    assigneeUserId: Type.Optional(id),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  },
  { additionalProperties: false, $id: 'AssignRequest' },
);
export type AssignRequest = Static<typeof AssignRequest>;

export const ClearAssignmentsRequest = Type.Object({ errorIds }, { additionalProperties: false, $id: 'ClearAssignmentsRequest' });
export type ClearAssignmentsRequest = Static<typeof ClearAssignmentsRequest>;

export const AssignResult = Type.Object(
  {
    /** Errors of the request whose assignee changed (assigning to the current assignee changes nothing). */
    changed: Type.Integer({ minimum: 0 }),
    /** Other open errors of the same steps with the same retry data keys, assigned along. */
    cascaded: Type.Integer({ minimum: 0 }),
    /** Assigning to a new email: the invitation asked of identity; the errors follow its answer. */
    invitationRequestId: Type.Optional(uuid),
    /**
     * What happened: assigned to an active user; assigned to a user still invited (they see the
     * errors once they accept); asked identity to give a pending invitee the access the errors
     * need (they are assigned when it has: follow `invitationRequestId`); or an invitation
     * requested for a new email.
     */
    outcome: Type.Optional(
      Type.Union([Type.Literal('assigned'), Type.Literal('assigned_to_invitee'), Type.Literal('access_requested'), Type.Literal('invitation_requested')]),
    ),
    /** Who has (or will have) the errors. */
    assigneeUserId: Type.Optional(Type.String()),
  },
  { $id: 'AssignResult' },
);
export type AssignResult = Static<typeof AssignResult>;

export const AssignmentHistory = Type.Object(
  {
    errorId: uuid,
    assigneeUserId: Type.Union([Type.String(), Type.Null()]),
    history: Type.Array(
      Type.Object({
        type: Type.Union([Type.Literal('ErrorAssigned'), Type.Literal('ErrorUnassigned')]),
        at: Type.String({ format: 'date-time' }),
        actor: Actor,
        assigneeUserId: Type.Union([Type.String(), Type.Null()]),
        previousAssigneeUserId: Type.Union([Type.String(), Type.Null()]),
        cause: Type.Union([Type.String(), Type.Null()]),
        /** Unassignments: cleared by a person, or the assignee's invitation revoked or user deactivated. */
        reason: Type.Union([Type.String(), Type.Null()]),
        /** Assignments made by a rule: the error whose assignment it followed. */
        sourceErrorId: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
  },
  { $id: 'AssignmentHistory' },
);
export type AssignmentHistory = Static<typeof AssignmentHistory>;

export const WorkloadQuery = Type.Object({ integrationId: id, flowId: Type.Optional(id) }, { additionalProperties: false });
export type WorkloadQuery = Static<typeof WorkloadQuery>;

export const Workload = Type.Object(
  {
    integrationId: Type.String(),
    flowId: Type.Union([Type.String(), Type.Null()]),
    /** Open errors per assignee, the most loaded first; `null` is the unassigned ones. */
    assignees: Type.Array(Type.Object({ assigneeUserId: Type.Union([Type.String(), Type.Null()]), open: Type.Integer() })),
  },
  { $id: 'Workload' },
);
export type Workload = Static<typeof Workload>;

/**
 * `POST /assignments/by-filter`: assign every error the Errors list's filter matches (within the
 * integrations the actor may view), a thousand per transaction; `dryRun` only counts them.
 */
export const AssignByFilterRequest = Type.Object(
  { filter: ErrorsFilter, assigneeUserId: id, dryRun: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, $id: 'AssignByFilterRequest' },
);
export type AssignByFilterRequest = Static<typeof AssignByFilterRequest>;

export const ClearByFilterRequest = Type.Object(
  { filter: ErrorsFilter, dryRun: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, $id: 'ClearByFilterRequest' },
);
export type ClearByFilterRequest = Static<typeof ClearByFilterRequest>;

export const AssignByFilterResult = Type.Object(
  { matched: Type.Integer({ minimum: 0 }), changed: Type.Integer({ minimum: 0 }), cascaded: Type.Integer({ minimum: 0 }), dryRun: Type.Boolean() },
  { $id: 'AssignByFilterResult' },
);
export type AssignByFilterResult = Static<typeof AssignByFilterResult>;

export const InvitationRequestParams = Type.Object({ requestId: uuid }, { additionalProperties: false });
export type InvitationRequestParams = Static<typeof InvitationRequestParams>;

/**
 * Where an "assign to new user" request stands: `pending` until identity answers, `completed`
 * once the invited user has the errors, or `refused` with the rule's code and why.
 */
export const InvitationRequestStatus = Type.Object(
  {
    requestId: uuid,
    email: Type.String(),
    errorIds: Type.Array(uuid),
    status: Type.Union([Type.Literal('pending'), Type.Literal('completed'), Type.Literal('refused')]),
    assigneeUserId: Type.Optional(Type.String()),
    code: Type.Optional(Type.String()),
    reason: Type.Optional(Type.String()),
  },
  { $id: 'InvitationRequestStatus' },
);
export type InvitationRequestStatus = Static<typeof InvitationRequestStatus>;

/** The requester's own recent "assign to new user" requests, e.g. `status=refused&since=…` for what to tell them. */
export const InvitationRequestsQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('completed'), Type.Literal('refused')])),
    /** Requests answered (or, pending ones, made) after this moment. */
    since: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type InvitationRequestsQuery = Static<typeof InvitationRequestsQuery>;

export const InvitationRequestSummary = Type.Composite(
  [InvitationRequestStatus, Type.Object({ requestedAt: Type.String({ format: 'date-time' }), answeredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) })],
  { $id: 'InvitationRequestSummary' },
);
export type InvitationRequestSummary = Static<typeof InvitationRequestSummary>;

/** Newest first, at most 50. */
export const InvitationRequestList = Type.Object({ items: Type.Array(InvitationRequestSummary) }, { $id: 'InvitationRequestList' });
export type InvitationRequestList = Static<typeof InvitationRequestList>;
