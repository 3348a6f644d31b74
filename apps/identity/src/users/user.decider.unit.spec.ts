import { AccountView, PermissionRefused, UserView } from '@faultline/access-policy';
import { deciderSpec } from '@faultline/testing';
import {
  decide,
  evolve,
  initialState,
  InvitationExpired,
  InvitationNotPending,
  InvitationTokenInvalid,
  InviteUser,
  OwnerIsFixed,
  CannotDeactivateSelf,
  UserAlreadyActive,
  UserIsDeactivated,
  UserStatusConflict,
} from './user.decider';
import type { UserEvent, UserInvited } from './user.events';

const spec = deciderSpec({ decide, evolve, initialState });
const account: AccountView = { accountId: 'acc-1', plan: 'standard', invitationsEnabled: true };
const owner: UserView = { userId: 'u-owner', accountId: 'acc-1', role: 'owner', status: 'active', access: {} };
const member: UserView = { userId: 'u-member', accountId: 'acc-1', role: 'member', status: 'active', access: { 'int-1': 'monitor' } };
const expiresAt = '2026-11-30T10:00:00.000Z';

const invite = (overrides: Partial<InviteUser['data']> = {}): InviteUser => ({
  type: 'InviteUser',
  data: {
    userId: 'u-new',
    email: 'Ana@Example.test',
    role: 'member',
    access: { 'int-1': 'monitor' },
    account,
    inviter: owner,
    fromAssignment: false,
    tokenHash: 'hash-1',
    expiresAt,
    ...overrides,
  },
});

const invited = (overrides: Partial<UserInvited['data']> = {}): UserInvited => ({
  type: 'UserInvited',
  data: {
    userId: 'u-new',
    accountId: 'acc-1',
    email: 'ana@example.test',
    role: 'member',
    access: { 'int-1': 'monitor' },
    invitedBy: 'u-owner',
    fromAssignment: false,
    tokenHash: 'hash-1',
    expiresAt,
    ...overrides,
  },
});

const profile = { email: 'ana@example.test', role: 'member' as const, access: { 'int-1': 'monitor' as const } };
const accepted: UserEvent = {
  type: 'InvitationAccepted',
  data: { userId: 'u-new', ...profile, name: 'Ana', passwordHash: 'scrypt$x', acceptedAt: '2026-11-24T10:00:00.000Z' },
};
const resentWith = (tokenHash: string): UserEvent => ({
  type: 'InvitationResent',
  data: { userId: 'u-new', ...profile, fromAssignment: false, resentBy: 'u-owner', tokenHash, expiresAt },
});
const accept = (tokenHash = 'hash-1', now = new Date('2026-11-24T10:00:00.000Z')) =>
  ({ type: 'AcceptInvitation', data: { tokenHash, name: 'Ana', passwordHash: 'scrypt$x', now } }) as const;

describe('inviting a user', () => {
  it('an owner invites an email: the user is invited with their role and access, the email kept lower-case', () => {
    spec.given([]).when(invite()).then([invited()]);
  });

  it('an invitation made by assigning errors to a new email says so', () => {
    spec.given([]).when(invite({ fromAssignment: true })).then([invited({ fromAssignment: true })]);
  });

  it('inviting a pending email again re-sends it with a new token, saying who the invitee is', () => {
    spec.given([invited()]).when(invite({ tokenHash: 'hash-2' })).then([resentWith('hash-2')]);
  });

  it('an invitation made by assigning errors names them', () => {
    spec
      .given([])
      .when(invite({ fromAssignment: true, assignedErrorIds: ['e-1', 'e-2'] }))
      .then([invited({ fromAssignment: true, assignedErrorIds: ['e-1', 'e-2'] })]);
  });

  it("assigning errors to a pending invitee widens their access to what the errors need, never narrows it, and sends no new link", () => {
    spec
      .given([invited({ access: { 'int-1': 'manage' } })])
      .when(invite({ fromAssignment: true, tokenHash: 'hash-2', access: { 'int-1': 'monitor', 'int-2': 'monitor' } }))
      .then([{ type: 'IntegrationAccessChanged', data: { userId: 'u-new', integrationId: 'int-2', level: 'monitor', changedBy: 'u-owner' } }]);
  });

  it('a pending invitee who already has the access errors need is left as they are', () => {
    spec.given([invited()]).when(invite({ fromAssignment: true, tokenHash: 'hash-2' })).then([]);
  });

  it('widening a pending invitation follows the rules of inviting: a member grants only what they hold', () => {
    spec
      .given([invited()])
      .when(invite({ fromAssignment: true, inviter: member, access: { 'int-2': 'monitor' } }))
      .thenRefuses(PermissionRefused);
  });

  it('inviting an email that belongs to an active user is refused', () => {
    spec.given([invited(), accepted]).when(invite()).thenRefuses(UserAlreadyActive);
  });

  it("a member re-sends and revokes only invitations they could have sent: not an admin's, not beyond their own access", () => {
    const asMember = { account, actor: member };
    const resend = { type: 'ResendInvitation', data: { ...asMember, tokenHash: 'hash-2', expiresAt } } as const;
    const revoke = { type: 'RevokeInvitation', data: asMember } as const;
    spec.given([invited({ role: 'admin', access: {} })]).when(revoke).thenRefuses(PermissionRefused);
    spec.given([invited({ access: { 'int-2': 'manage' } })]).when(resend).thenRefuses(PermissionRefused);
    spec.given([invited({ access: { 'int-1': 'manage' } })]).when(revoke).thenRefuses(PermissionRefused);
    spec.given([invited()]).when(revoke).then([{ type: 'InvitationRevoked', data: { userId: 'u-new', revokedBy: 'u-member' } }]);
  });

  it("an active user's password is hashed again; anyone else's is left alone", () => {
    const rehash = { type: 'RehashPassword', data: { passwordHash: 'scrypt$new' } } as const;
    spec.given([invited(), accepted]).when(rehash).then([{ type: 'PasswordRehashed', data: { userId: 'u-new', passwordHash: 'scrypt$new' } }]);
    spec.given([invited()]).when(rehash).then([]);
  });

  describe('deactivating and reactivating', () => {
    const asOwner = { account, actor: owner };
    const deactivated: UserEvent = { type: 'UserDeactivated', data: { userId: 'u-new', deactivatedBy: 'u-owner' } };

    it('an owner deactivates an active user, once; reactivates them, once', () => {
      spec.given([invited(), accepted]).when({ type: 'DeactivateUser', data: asOwner }).then([deactivated]);
      spec.given([invited(), accepted, deactivated]).when({ type: 'DeactivateUser', data: asOwner }).then([]);
      spec.given([invited(), accepted, deactivated]).when({ type: 'ReactivateUser', data: asOwner }).then([{ type: 'UserReactivated', data: { userId: 'u-new', reactivatedBy: 'u-owner' } }]);
      spec.given([invited(), accepted]).when({ type: 'ReactivateUser', data: asOwner }).then([]);
    });

    it('is refused to members, for oneself, for the owner, and for a pending invitation', () => {
      spec.given([invited(), accepted]).when({ type: 'DeactivateUser', data: { account, actor: member } }).thenRefuses(PermissionRefused);
      const self = { account, actor: { ...member, userId: 'u-new', role: 'admin' as const } };
      spec.given([invited(), accepted]).when({ type: 'DeactivateUser', data: self }).thenRefuses(CannotDeactivateSelf);
      spec.given([{ type: 'OwnerRegistered', data: { userId: 'u-new', accountId: 'acc-1', email: 'o@x.test', name: 'O', passwordHash: 'h' } }])
        .when({ type: 'DeactivateUser', data: asOwner })
        .thenRefuses(OwnerIsFixed);
      spec.given([invited()]).when({ type: 'DeactivateUser', data: asOwner }).thenRefuses(UserStatusConflict);
    });

    it("a deactivated user's email cannot be invited again: they are reactivated instead", () => {
      spec.given([invited(), accepted, deactivated]).when(invite()).thenRefuses(UserIsDeactivated);
    });
  });

  it('a revoked invitation can be made again, for the same user', () => {
    const revoked: UserEvent = { type: 'InvitationRevoked', data: { userId: 'u-new', revokedBy: 'u-owner' } };
    spec.given([invited(), revoked]).when(invite({ userId: 'u-other', tokenHash: 'hash-3' })).then([invited({ tokenHash: 'hash-3' })]);
  });

  it('a member invites when invitations are on, at most with their own access', () => {
    spec.given([]).when(invite({ inviter: member })).then([invited({ invitedBy: 'u-member' })]);
  });

  it('a member inviting is refused when invitations are off', () => {
    const off = { ...account, invitationsEnabled: false };
    spec.given([]).when(invite({ inviter: member, account: off })).thenRefuses(PermissionRefused);
  });

  it('a member with monitor access granting manage is refused', () => {
    spec.given([]).when(invite({ inviter: member, access: { 'int-1': 'manage' } })).thenRefuses(PermissionRefused);
  });
});

describe('accepting an invitation', () => {
  it('the current token, before it expires, activates the user', () => {
    spec.given([invited()]).when(accept()).then([accepted]);
  });

  it('a token replaced by a re-send no longer works', () => {
    spec.given([invited(), resentWith('hash-2')]).when(accept('hash-1')).thenRefuses(InvitationTokenInvalid);
  });

  it('an expired invitation cannot be accepted', () => {
    spec.given([invited()]).when(accept('hash-1', new Date(expiresAt))).thenRefuses(InvitationExpired);
  });

  it('an invitation is accepted once', () => {
    spec.given([invited(), accepted]).when(accept()).thenRefuses(InvitationNotPending);
  });

  it('a revoked invitation cannot be accepted', () => {
    const revoked: UserEvent = { type: 'InvitationRevoked', data: { userId: 'u-new', revokedBy: 'u-owner' } };
    spec.given([invited(), revoked]).when(accept()).thenRefuses(InvitationNotPending);
  });
});

describe('roles and access', () => {
  const admin: UserView = { ...owner, userId: 'u-admin', role: 'admin' };

  it('an admin grants manage access on an integration', () => {
    spec
      .given([invited(), accepted])
      .when({ type: 'ChangeAccess', data: { account, actor: admin, integrationId: 'int-2', level: 'manage' } })
      .then([{ type: 'IntegrationAccessChanged', data: { userId: 'u-new', integrationId: 'int-2', level: 'manage', changedBy: 'u-admin' } }]);
  });

  it('granting the access a user already has changes nothing', () => {
    spec
      .given([invited(), accepted])
      .when({ type: 'ChangeAccess', data: { account, actor: admin, integrationId: 'int-1', level: 'monitor' } })
      .then([]);
  });

  it('a member cannot change access', () => {
    spec
      .given([invited(), accepted])
      .when({ type: 'ChangeAccess', data: { account, actor: member, integrationId: 'int-1', level: null } })
      .thenRefuses(PermissionRefused);
  });

  it("the owner's role is not changed", () => {
    const ownerRegistered: UserEvent = {
      type: 'OwnerRegistered',
      data: { userId: 'u-owner', accountId: 'acc-1', email: 'o@example.test', name: 'O', passwordHash: 'h' },
    };
    spec.given([ownerRegistered]).when({ type: 'ChangeRole', data: { account, actor: admin, role: 'member' } }).thenRefuses(OwnerIsFixed);
  });

  it('an admin makes a member an admin', () => {
    spec
      .given([invited(), accepted])
      .when({ type: 'ChangeRole', data: { account, actor: owner, role: 'admin' } })
      .then([{ type: 'UserRoleChanged', data: { userId: 'u-new', role: 'admin', previousRole: 'member', changedBy: 'u-owner' } }]);
  });
});
