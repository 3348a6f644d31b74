import { Static, Type } from '@sinclair/typebox';
import { closed, domainEventSchema, externalEventSchema, Timestamp, Uuid } from '../envelope';

const id = Type.String({ minLength: 1, maxLength: 100 });
export const PlanName = Type.Union([Type.Literal('free'), Type.Literal('standard'), Type.Literal('professional'), Type.Literal('enterprise')]);
export const RoleName = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')]);
export const AccessLevelName = Type.Union([Type.Literal('monitor'), Type.Literal('manage')]);
/** Integration id → access level. */
export const IntegrationAccessMap = Type.Record(Type.String({ minLength: 1, maxLength: 100 }), AccessLevelName);


/** identity.events.v1 is keyed by accountId; aggregateId names the account or the user. */
export const AccountCreatedV1 = domainEventSchema(
  'AccountCreated',
  1,
  closed({ accountId: id, name: Type.String({ minLength: 1, maxLength: 200 }), plan: PlanName, invitationsEnabled: Type.Boolean(), ownerUserId: id, ownerEmail: Type.String(), ownerName: Type.String() }),
  'The platform provisioned an account, with its owner as its first active user.',
);
export type AccountCreatedV1 = Static<typeof AccountCreatedV1>;

export const AccountPlanChangedV1 = domainEventSchema(
  'AccountPlanChanged',
  1,
  closed({ accountId: id, plan: PlanName, previousPlan: PlanName }),
  "The account's subscription plan changed; assignment exists on every plan but free.",
);
export type AccountPlanChangedV1 = Static<typeof AccountPlanChangedV1>;

export const AccountSettingsChangedV1 = domainEventSchema(
  'AccountSettingsChanged',
  1,
  closed({ accountId: id, invitationsEnabled: Type.Boolean() }),
  'An owner or admin changed the account settings (invitationsEnabled: members may invite).',
);
export type AccountSettingsChangedV1 = Static<typeof AccountSettingsChangedV1>;

export const UserInvitedV1 = domainEventSchema(
  'UserInvited',
  1,
  closed({
    userId: id,
    email: Type.String({ format: 'email' }),
    role: RoleName,
    access: IntegrationAccessMap,
    invitedBy: id,
    fromAssignment: Type.Boolean(),
    /** The errors assigned with this invitation ("assign to new user"): its email names them. */
    assignedErrorIds: Type.Optional(Type.Array(Uuid, { maxItems: 1_000 })),
    /**
     * Path of the acceptance page. The one-time token is not in it: it travels in
     * `sealedToken`, which only the notifications app can open (older events carried it here).
     */
    acceptancePath: Type.String({ minLength: 1 }),
    /** The invitation's token, sealed with INVITATION_LINK_KEY (AES-256-GCM), for the invitation email. */
    sealedToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    expiresAt: Timestamp,
    resent: Type.Boolean(),
  }),
  'Someone was invited to the account (or their pending invitation was sent again).',
);
export type UserInvitedV1 = Static<typeof UserInvitedV1>;

export const InvitationAcceptedV1 = domainEventSchema(
  'InvitationAccepted',
  1,
  closed({ userId: id, email: Type.String({ format: 'email' }), name: Type.String(), role: RoleName, access: IntegrationAccessMap }),
  'An invitee accepted and is now an active user who can sign in.',
);
export type InvitationAcceptedV1 = Static<typeof InvitationAcceptedV1>;

export const InvitationRevokedV1 = domainEventSchema(
  'InvitationRevoked',
  1,
  closed({ userId: id, revokedBy: id }),
  'A pending invitation was revoked; no email may be sent for it any more.',
);
export type InvitationRevokedV1 = Static<typeof InvitationRevokedV1>;

export const UserRoleChangedV1 = domainEventSchema(
  'UserRoleChanged',
  1,
  closed({ userId: id, role: RoleName, previousRole: RoleName, changedBy: id }),
  "An owner or admin changed a user's role.",
);
export type UserRoleChangedV1 = Static<typeof UserRoleChangedV1>;

export const IntegrationAccessChangedV1 = domainEventSchema(
  'IntegrationAccessChanged',
  1,
  closed({ userId: id, integrationId: id, level: Type.Union([AccessLevelName, Type.Null()]), changedBy: id }),
  "A user's access to one integration was granted, changed, or (level null) revoked.",
);
export type IntegrationAccessChangedV1 = Static<typeof IntegrationAccessChangedV1>;

export const UserDeactivatedV1 = domainEventSchema(
  'UserDeactivated',
  1,
  closed({ userId: id, deactivatedBy: id }),
  'An owner or admin deactivated a user: their tokens are refused, their open errors unassigned, their subscriptions dropped.',
);
export type UserDeactivatedV1 = Static<typeof UserDeactivatedV1>;

export const UserReactivatedV1 = domainEventSchema(
  'UserReactivated',
  1,
  closed({ userId: id, reactivatedBy: id }),
  'An owner or admin reactivated a deactivated user, with the role and access they had.',
);
export type UserReactivatedV1 = Static<typeof UserReactivatedV1>;

/** What a machine API token may do: read (safe methods only), triage (a member with manage access everywhere), admin (an admin). */
export const ApiTokenScopeName = Type.Union([Type.Literal('read'), Type.Literal('triage'), Type.Literal('admin')]);

export const ApiTokenCreatedV1 = domainEventSchema(
  'ApiTokenCreated',
  1,
  closed({
    tokenId: Uuid,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scope: ApiTokenScopeName,
    expiresAt: Type.Union([Timestamp, Type.Null()]),
    /** SHA-256 of the token (hex): services recognise the token by it; the token itself is shown once, to its creator. */
    tokenHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    createdBy: id,
  }),
  'An owner or admin created a machine API token for the account.',
);
export type ApiTokenCreatedV1 = Static<typeof ApiTokenCreatedV1>;

export const ApiTokenRevokedV1 = domainEventSchema(
  'ApiTokenRevoked',
  1,
  closed({ tokenId: Uuid, revokedBy: id }),
  'An owner or admin revoked a machine API token: every service refuses it from now on.',
);
export type ApiTokenRevokedV1 = Static<typeof ApiTokenRevokedV1>;

export const IdentityEventsV1 = [
  AccountCreatedV1,
  AccountPlanChangedV1,
  AccountSettingsChangedV1,
  UserInvitedV1,
  InvitationAcceptedV1,
  InvitationRevokedV1,
  UserRoleChangedV1,
  IntegrationAccessChangedV1,
  UserDeactivatedV1,
  UserReactivatedV1,
  ApiTokenCreatedV1,
  ApiTokenRevokedV1,
] as const;

/** The events that describe accounts and users (what local access models project). */
export type IdentityEventV1 = Static<(typeof IdentityEventsV1)[number]>;

/**
 * Identity's answers to the assignment app's InvitationRequested (same correlationId,
 * causationId = the request's eventId): exactly one per request.
 */
export const InvitationRequestCompletedV1 = externalEventSchema(
  'InvitationRequestCompleted',
  1,
  closed({ requestId: Uuid, email: Type.String(), userId: id, requestedBy: id }),
  'The invitation requested by assigning errors to an email is made: the email is invited, or was already and now has monitor access to the errors\' integrations.',
);
export type InvitationRequestCompletedV1 = Static<typeof InvitationRequestCompletedV1>;

export const InvitationRequestRefusedV1 = externalEventSchema(
  'InvitationRequestRefused',
  1,
  closed({ requestId: Uuid, email: Type.String(), code: Type.String(), reason: Type.String(), requestedBy: Type.Optional(id) }),
  'An invitation requested by assigning errors to an email was refused, with the rule that refused it.',
);
export type InvitationRequestRefusedV1 = Static<typeof InvitationRequestRefusedV1>;

export const InvitationRequestAnswersV1 = [InvitationRequestCompletedV1, InvitationRequestRefusedV1] as const;
export type InvitationRequestAnswerV1 = Static<(typeof InvitationRequestAnswersV1)[number]>;
