import {
  AccessLevel,
  AccountView,
  covers,
  isAdministrator,
  PermissionRefused,
  Refusal,
  refuseGrantOnInvitation,
  refuseInviteUsers,
  refuseUnlessActive,
  Role,
  UserView,
} from '@faultline/access-policy';
import type { IntegrationAccess, UserEvent } from './user.events';

interface Profile {
  userId: string;
  accountId: string;
  email: string;
  role: Role;
  access: IntegrationAccess;
}

export type UserState =
  | { status: 'none' }
  | ({ status: 'invited'; tokenHash: string; expiresAt: string; fromAssignment: boolean } & Profile)
  | ({ status: 'active'; name: string; passwordHash: string } & Profile)
  | ({ status: 'deactivated'; name: string; passwordHash: string } & Profile)
  | ({ status: 'revoked' } & Profile);

type Invitation = { tokenHash: string; expiresAt: string };

export type RegisterOwner = {
  type: 'RegisterOwner';
  data: { userId: string; accountId: string; email: string; name: string; passwordHash: string };
};
export type InviteUser = {
  type: 'InviteUser';
  data: Invitation & {
    userId: string;
    email: string;
    role: Role;
    access: IntegrationAccess;
    account: AccountView;
    inviter: UserView;
    fromAssignment: boolean;
    assignedErrorIds?: string[];
  };
};
export type ResendInvitation = { type: 'ResendInvitation'; data: Invitation & { account: AccountView; actor: UserView } };
export type RevokeInvitation = { type: 'RevokeInvitation'; data: { account: AccountView; actor: UserView } };
export type AcceptInvitation = {
  type: 'AcceptInvitation';
  data: { tokenHash: string; name: string; passwordHash: string; now: Date };
};
export type ChangeRole = { type: 'ChangeRole'; data: { account: AccountView; actor: UserView; role: Role } };
export type ChangeAccess = {
  type: 'ChangeAccess';
  data: { account: AccountView; actor: UserView; integrationId: string; level: AccessLevel | null };
};

export type RehashPassword = { type: 'RehashPassword'; data: { passwordHash: string } };
export type DeactivateUser = { type: 'DeactivateUser'; data: { account: AccountView; actor: UserView } };
export type ReactivateUser = { type: 'ReactivateUser'; data: { account: AccountView; actor: UserView } };

export type UserCommand =
  | RegisterOwner
  | InviteUser
  | ResendInvitation
  | RevokeInvitation
  | AcceptInvitation
  | ChangeRole
  | ChangeAccess
  | RehashPassword
  | DeactivateUser
  | ReactivateUser;

/** The email already belongs to an active user of the account (409). */
export class UserAlreadyActive extends Refusal {
  readonly code = 'USER_ALREADY_ACTIVE';
}
/** The invitation was accepted or revoked already (409). */
export class InvitationNotPending extends Refusal {
  readonly code = 'INVITATION_NOT_PENDING';
}
/** The token is not this invitation's current one (a re-send replaced it, or it was never valid). */
export class InvitationTokenInvalid extends Refusal {
  readonly code = 'INVITATION_TOKEN_INVALID';
}
export class InvitationExpired extends Refusal {
  readonly code = 'INVITATION_EXPIRED';
}
export class UserNotFound extends Refusal {
  readonly code = 'USER_NOT_FOUND';
}
/** The email belongs to a deactivated user of the account: reactivate them instead (409). */
export class UserIsDeactivated extends Refusal {
  readonly code = 'USER_DEACTIVATED';
}
/** Only an active user is deactivated, only a deactivated one reactivated (409). */
export class UserStatusConflict extends Refusal {
  readonly code = 'USER_STATUS_CONFLICT';
}
/** Nobody deactivates themselves: another owner or admin must (422). */
export class CannotDeactivateSelf extends Refusal {
  readonly code = 'CANNOT_DEACTIVATE_SELF';
}
/** The owner stays the owner: roles and access of the owner are not edited. */
export class OwnerIsFixed extends Refusal {
  readonly code = 'OWNER_IS_FIXED';
}

export const initialState = (): UserState => ({ status: 'none' });

export function decide(command: UserCommand, state: UserState): UserEvent[] {
  switch (command.type) {
    case 'RegisterOwner':
      if (state.status !== 'none') throw new UserAlreadyActive(`user ${command.data.userId} already exists`);
      return [{ type: 'OwnerRegistered', data: command.data }];
    case 'InviteUser':
      return inviteUser(command.data, state);
    case 'ResendInvitation': {
      const pending = pendingInvitation(state, command.data.account);
      throwIf(refuseInvitationChange(command.data, pending));
      return [resent(pending, command.data.actor.userId, command.data)];
    }
    case 'RevokeInvitation': {
      const pending = pendingInvitation(state, command.data.account);
      throwIf(refuseInvitationChange(command.data, pending));
      return [{ type: 'InvitationRevoked', data: { userId: pending.userId, revokedBy: command.data.actor.userId } }];
    }
    case 'AcceptInvitation':
      return acceptInvitation(command.data, state);
    case 'ChangeRole': {
      const user = administeredUser(state, command.data);
      if (user.role === command.data.role) return [];
      if (command.data.role === 'owner') throw new OwnerIsFixed('an account has one owner; ownership is not granted');
      const data = { userId: user.userId, role: command.data.role, previousRole: user.role, changedBy: command.data.actor.userId };
      return [{ type: 'UserRoleChanged', data }];
    }
    case 'ChangeAccess': {
      const user = administeredUser(state, command.data);
      const { integrationId, level, actor } = command.data;
      if ((user.access[integrationId] ?? null) === level) return [];
      return [{ type: 'IntegrationAccessChanged', data: { userId: user.userId, integrationId, level, changedBy: actor.userId } }];
    }
    case 'DeactivateUser': {
      const user = administeredUser(state, command.data);
      if (user.userId === command.data.actor.userId) throw new CannotDeactivateSelf('you cannot deactivate yourself; ask another owner or admin');
      if (user.status === 'deactivated') return [];
      if (user.status !== 'active') throw new UserStatusConflict(`user ${user.userId} is ${user.status}: revoke the invitation instead`);
      return [{ type: 'UserDeactivated', data: { userId: user.userId, deactivatedBy: command.data.actor.userId } }];
    }
    case 'ReactivateUser': {
      const user = administeredUser(state, command.data);
      if (user.status === 'active') return [];
      if (user.status !== 'deactivated') throw new UserStatusConflict(`user ${user.userId} is ${user.status}, not deactivated`);
      return [{ type: 'UserReactivated', data: { userId: user.userId, reactivatedBy: command.data.actor.userId } }];
    }
    case 'RehashPassword':
      // Only an active user signs in; anything else is a stale read, and nothing changes.
      return state.status === 'active' ? [{ type: 'PasswordRehashed', data: { userId: state.userId, passwordHash: command.data.passwordHash } }] : [];
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolve(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'OwnerRegistered': {
      const { passwordHash, name, ...profile } = event.data;
      return { status: 'active', ...profile, role: 'owner', access: {}, name, passwordHash };
    }
    case 'UserInvited': {
      const { userId, accountId, email, role, access, tokenHash, expiresAt, fromAssignment } = event.data;
      return { status: 'invited', userId, accountId, email, role, access, tokenHash, expiresAt, fromAssignment };
    }
    case 'InvitationResent':
      return state.status === 'invited' ? { ...state, tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt } : state;
    case 'InvitationRevoked':
      return state.status === 'invited' ? { ...profileOf(state), status: 'revoked' } : state;
    case 'InvitationAccepted':
      return state.status === 'invited'
        ? { ...profileOf(state), status: 'active', name: event.data.name, passwordHash: event.data.passwordHash }
        : state;
    case 'UserRoleChanged':
      return state.status === 'none' ? state : { ...state, role: event.data.role };
    case 'UserDeactivated':
      return state.status === 'active' ? { ...state, status: 'deactivated' } : state;
    case 'UserReactivated':
      return state.status === 'deactivated' ? { ...state, status: 'active' } : state;
    case 'PasswordRehashed':
      return state.status === 'active' ? { ...state, passwordHash: event.data.passwordHash } : state;
    case 'IntegrationAccessChanged': {
      if (state.status === 'none') return state;
      const { [event.data.integrationId]: _previous, ...others } = state.access;
      const access = event.data.level === null ? others : { ...others, [event.data.integrationId]: event.data.level };
      return { ...state, access };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * A new invitation, a fresh one after a revocation, or for a pending one: a re-send, or — when
 * errors are being assigned to them — the access those errors need, and no new link.
 */
function inviteUser(data: InviteUser['data'], state: UserState): UserEvent[] {
  throwIf(refuseInviteUsers(data.account, data.inviter) ?? refuseGrantOnInvitation(data.inviter, data));
  if (state.status === 'active') throw new UserAlreadyActive(`${data.email} is already a user of this account`);
  if (state.status === 'deactivated') throw new UserIsDeactivated(`${data.email} belongs to a deactivated user of this account: reactivate them instead`);
  const { tokenHash, expiresAt, inviter } = data;
  if (state.status === 'invited' && data.fromAssignment) return widenedAccess(state, data);
  if (state.status === 'invited') return [resent(state, inviter.userId, { tokenHash, expiresAt })];
  const userId = state.status === 'revoked' ? state.userId : data.userId;
  return [
    {
      type: 'UserInvited',
      data: {
        userId,
        accountId: data.account.accountId,
        email: data.email.toLowerCase(),
        role: data.role,
        access: data.access,
        invitedBy: inviter.userId,
        fromAssignment: data.fromAssignment,
        ...(data.assignedErrorIds ? { assignedErrorIds: data.assignedErrorIds } : {}),
        tokenHash,
        expiresAt,
      },
    },
  ];
}

/**
 * Re-sending or revoking an invitation follows the rules of making it: a member acts only on
 * invitations they could have sent (a member's, within their own access).
 */
export function refuseInvitationChange(change: { account: AccountView; actor: UserView }, invitee: Profile): PermissionRefused | undefined {
  return refuseInviteUsers(change.account, change.actor) ?? refuseGrantOnInvitation(change.actor, invitee);
}

/** Only ever widens: an invitee who holds more than the assignment needs keeps it. */
function widenedAccess(invitee: Extract<UserState, { status: 'invited' }>, data: InviteUser['data']): UserEvent[] {
  return Object.entries(data.access)
    .filter(([integrationId, level]) => !covers(invitee.access[integrationId], level))
    .map(([integrationId, level]) => ({
      type: 'IntegrationAccessChanged',
      data: { userId: invitee.userId, integrationId, level, changedBy: data.inviter.userId },
    }));
}

function acceptInvitation(data: AcceptInvitation['data'], state: UserState): UserEvent[] {
  const pending = pendingInvitation(state);
  if (pending.tokenHash !== data.tokenHash) throw new InvitationTokenInvalid('this invitation link is no longer valid');
  if (data.now.getTime() >= Date.parse(pending.expiresAt)) throw new InvitationExpired('this invitation has expired');
  const { email, role, access } = pending;
  const accepted = { userId: pending.userId, email, role, access, name: data.name, passwordHash: data.passwordHash, acceptedAt: data.now.toISOString() };
  return [{ type: 'InvitationAccepted', data: accepted }];
}

/** A fresh token for a pending invitation, with the invitee as they stand. */
function resent(pending: Extract<UserState, { status: 'invited' }>, by: string, token: { tokenHash: string; expiresAt: string }): UserEvent {
  const { userId, email, role, access, fromAssignment } = pending;
  return { type: 'InvitationResent', data: { userId, email, role, access, fromAssignment, resentBy: by, tokenHash: token.tokenHash, expiresAt: token.expiresAt } };
}

function pendingInvitation(state: UserState, account?: AccountView): Extract<UserState, { status: 'invited' }> {
  if (state.status === 'none' || (account && state.accountId !== account.accountId)) {
    throw new UserNotFound('no such invitation');
  }
  if (state.status !== 'invited') throw new InvitationNotPending(`the invitation was already ${state.status === 'active' ? 'accepted' : 'revoked'}`);
  return state;
}

/** Roles and access are changed by owners and admins of the same account, never on the owner. */
function administeredUser(state: UserState, { account, actor }: { account: AccountView; actor: UserView }) {
  if (state.status === 'none' || state.accountId !== account.accountId) throw new UserNotFound('no such user');
  throwIf(refuseUnlessActive(account, actor));
  if (!isAdministrator(actor.role)) {
    throw new PermissionRefused('ADMINISTRATORS_ONLY', 'only owners and admins can change roles and access');
  }
  if (state.role === 'owner') throw new OwnerIsFixed("the owner's role and access are not edited");
  return state;
}

function profileOf(state: Exclude<UserState, { status: 'none' }>): Profile {
  const { userId, accountId, email, role, access } = state;
  return { userId, accountId, email, role, access };
}

function throwIf(refusal: PermissionRefused | undefined): void {
  if (refusal) throw refusal;
}
