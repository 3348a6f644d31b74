import { Static, Type } from '@sinclair/typebox';
import { AccessLevelName, ApiTokenScopeName, IntegrationAccessMap, PlanName, RoleName } from '../identity-events.v1';

const id = Type.String({ minLength: 1, maxLength: 100 });
const email = Type.String({ format: 'email', maxLength: 254 });
const personName = Type.String({ minLength: 1, maxLength: 200 });
/** A new password: identity also refuses well-known ones and only-spaces (its password policy). */
const password = Type.String({ minLength: 12, maxLength: 200 });
const closed = { additionalProperties: false } as const;

/** `POST /internal/accounts` (internal API key): the platform provisions an account. */
export const CreateAccountRequest = Type.Object(
  {
    accountId: Type.Optional(id),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    plan: PlanName,
    owner: Type.Object({ email, name: personName, password }, closed),
  },
  closed,
);
export type CreateAccountRequest = Static<typeof CreateAccountRequest>;

export const ChangePlanRequest = Type.Object({ plan: PlanName }, closed);
export type ChangePlanRequest = Static<typeof ChangePlanRequest>;

export const AccountSettings = Type.Object({ invitationsEnabled: Type.Boolean() }, closed);
export type AccountSettings = Static<typeof AccountSettings>;

export const SignInRequest = Type.Object(
  { email, password: Type.String({ minLength: 1, maxLength: 200 }), accountId: Type.Optional(id) },
  closed,
);
export type SignInRequest = Static<typeof SignInRequest>;

/** What an invitation grants: integration ids of at most 100 characters, at most 1,000 of them. */
const GrantedAccess = Type.Record(Type.String({ pattern: '^.{1,100}$' }), AccessLevelName, { maxProperties: 1_000, additionalProperties: false });

export const InviteRequest = Type.Object({ email, role: Type.Union([Type.Literal('admin'), Type.Literal('member')]), access: Type.Optional(GrantedAccess) }, closed);
export type InviteRequest = Static<typeof InviteRequest>;

export const AcceptInvitationRequest = Type.Object(
  { token: Type.String({ minLength: 20, maxLength: 200 }), name: personName, password },
  closed,
);
export type AcceptInvitationRequest = Static<typeof AcceptInvitationRequest>;

export const ChangeRoleRequest = Type.Object({ role: RoleName }, closed);
export type ChangeRoleRequest = Static<typeof ChangeRoleRequest>;

export const ChangeAccessRequest = Type.Object({ level: AccessLevelName }, closed);
export type ChangeAccessRequest = Static<typeof ChangeAccessRequest>;

export const UserIdParams = Type.Object({ userId: id }, closed);
export const UserAccessParams = Type.Object({ userId: id, integrationId: id }, closed);
export const AccountIdParams = Type.Object({ accountId: id }, closed);
export const InvitationTokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) }, closed);

/** A user as the assignee picker and the users page show them. */
export const UserSummary = Type.Object({
  userId: id,
  accountId: id,
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  role: RoleName,
  status: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('revoked'), Type.Literal('deactivated')]),
  access: IntegrationAccessMap,
});
export type UserSummary = Static<typeof UserSummary>;

export const SignInResponse = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer(),
  user: UserSummary,
});
export type SignInResponse = Static<typeof SignInResponse>;

export const PermissionsQuery = Type.Object({ integrationId: id }, closed);

const Decision = Type.Object({
  allowed: Type.Boolean(),
  /** The refusing rule's code and words, when not allowed. */
  code: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});

/** What the signed-in user may do in one integration, as the access policy answers it. */
export const Permissions = Type.Object({
  integrationId: id,
  viewErrors: Decision,
  assignErrors: Decision,
  inviteUsers: Decision,
  assignToNewEmail: Decision,
});
export type Permissions = Static<typeof Permissions>;

/** `POST /internal/accounts`: the account made and its owner. */
export const AccountCreated = Type.Object({ accountId: id, ownerUserId: id });
export type AccountCreated = Static<typeof AccountCreated>;

/** An account as its users see it. */
export const AccountSummary = Type.Object({ accountId: id, name: Type.String(), plan: PlanName, invitationsEnabled: Type.Boolean(), ownerUserId: id });
export type AccountSummary = Static<typeof AccountSummary>;

/** `GET /me`: the signed-in user and their account. */
export const Me = Type.Object({ user: UserSummary, account: Type.Union([AccountSummary, Type.Null()]) });
export type Me = Static<typeof Me>;

/** An invitee: the user, and until when their link works (null once not pending). */
export const Invitee = Type.Composite([UserSummary, Type.Object({ expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) })]);
export type Invitee = Static<typeof Invitee>;

/** `GET /invitations`: a pending invitation, and who sent it. */
export const PendingInvitation = Type.Composite([
  Invitee,
  /** Who sent it: a user's id, or `token:<tokenId>` for an API token; and how a person reads that. */
  Type.Object({ invitedBy: Type.Union([id, Type.Null()]), invitedByName: Type.Union([Type.String(), Type.Null()]) }),
]);
export type PendingInvitation = Static<typeof PendingInvitation>;

/** `GET /invitations/by-token/:token`: what an invitation link is for, shown before accepting. */
export const InvitationPreview = Type.Object({
  email: Type.String(),
  role: RoleName,
  accountName: Type.String(),
  /** Who sent the invitation, by name (their email when they have none); null when unknown. */
  invitedByName: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type InvitationPreview = Static<typeof InvitationPreview>;

/** `POST /api-tokens` (owners and admins): a machine token for admin-API clients and contract-test suites. */
export const CreateApiTokenRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scope: ApiTokenScopeName,
    /** Absent: the token lives until it is revoked. */
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  },
  { ...closed, $id: 'CreateApiTokenRequest' },
);
export type CreateApiTokenRequest = Static<typeof CreateApiTokenRequest>;

export const ApiTokenView = Type.Object(
  {
    tokenId: Type.String({ format: 'uuid' }),
    name: Type.String(),
    scope: ApiTokenScopeName,
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'ApiToken' },
);
export type ApiTokenView = Static<typeof ApiTokenView>;

/** The answer to creating a token: the token itself, shown this once and never again. */
export const CreatedApiToken = Type.Object({ ...ApiTokenView.properties, token: Type.String() }, { $id: 'CreatedApiToken' });
export type CreatedApiToken = Static<typeof CreatedApiToken>;

/**
 * `GET /api-tokens/usage` on the errors, assignment and notifications services: when each of the
 * account's tokens was last used on that service (to the minute). Identity takes no machine
 * tokens; the console shows the latest of the three.
 */
export const ApiTokenUsage = Type.Object(
  { items: Type.Array(Type.Object({ tokenId: Type.String({ format: 'uuid' }), lastUsedAt: Type.String({ format: 'date-time' }) })) },
  { $id: 'ApiTokenUsage' },
);
export type ApiTokenUsage = Static<typeof ApiTokenUsage>;

export const ApiTokenParams = Type.Object({ tokenId: Type.String({ format: 'uuid' }) }, closed);
