import type { AccessLevel, AccountView, Role, UserView } from './access.types';
import { PermissionRefused } from './permission-refused';

/**
 * Who may do what, as the assignment seed's permission table says. Each rule answers with the
 * refusal (a PermissionRefused naming the rule) or undefined when the action is allowed, so
 * queries can report why and deciders can throw it.
 */

const ASSIGNMENT_PLANS = new Set(['standard', 'professional', 'enterprise']);

export const isAdministrator = (role: Role): boolean => role === 'owner' || role === 'admin';

/** The user's access to one integration: owners and admins manage every integration. */
export function accessTo(user: UserView, integrationId: string): AccessLevel | undefined {
  return isAdministrator(user.role) ? 'manage' : (user.everyIntegration ?? user.access[integrationId]);
}

const LEVELS: Record<AccessLevel, number> = { monitor: 1, manage: 2 };

export const covers = (held: AccessLevel | undefined, needed: AccessLevel): boolean =>
  held !== undefined && LEVELS[held] >= LEVELS[needed];

export function refuseUnlessActive(account: AccountView, user: UserView): PermissionRefused | undefined {
  if (user.accountId !== account.accountId) {
    return new PermissionRefused('OTHER_ACCOUNT', `user ${user.userId} does not belong to account ${account.accountId}`);
  }
  if (user.status !== 'active') {
    const why = user.status === 'deactivated' ? 'was deactivated' : user.status === 'revoked' ? "had their invitation revoked" : 'has not accepted their invitation yet';
    return new PermissionRefused('USER_NOT_ACTIVE', `user ${user.userId} ${why}`);
  }
  return undefined;
}

/** Account-wide settings and other people's affairs are for owners and admins: `what` says which. */
export function requireAdministrator(user: { role: Role }, what: string): void {
  if (!isAdministrator(user.role)) throw new PermissionRefused('ADMINISTRATORS_ONLY', `only owners and admins ${what}`);
}

/** Seeing an integration's errors (and tagging, investigating) needs at least monitor access. */
export function refuseViewIntegration(account: AccountView, user: UserView, integrationId: string) {
  return (
    refuseUnlessActive(account, user) ??
    (covers(accessTo(user, integrationId), 'monitor')
      ? undefined
      : new PermissionRefused('NO_ACCESS_TO_INTEGRATION', `user ${user.userId} has no access to integration ${integrationId}`))
  );
}

export function refusePlanWithoutAssignment(account: AccountView): PermissionRefused | undefined {
  return ASSIGNMENT_PLANS.has(account.plan)
    ? undefined
    : new PermissionRefused(
        'PLAN_EXCLUDES_ASSIGNMENT',
        `error assignment needs a Standard, Professional or Enterprise plan; account ${account.accountId} is on ${account.plan}`,
      );
}

/** "Assign errors — all users — requires Monitor access or higher", on plans that have assignment. */
export function refuseAssignErrors(account: AccountView, user: UserView, integrationId: string) {
  return refusePlanWithoutAssignment(account) ?? refuseViewIntegration(account, user, integrationId);
}

/** "Invite users — owners or admins: always; non-admins: Invitations must be turned on." */
export function refuseInviteUsers(account: AccountView, user: UserView): PermissionRefused | undefined {
  return (
    refuseUnlessActive(account, user) ??
    (isAdministrator(user.role) || account.invitationsEnabled
      ? undefined
      : new PermissionRefused(
          'INVITATIONS_DISABLED_FOR_MEMBERS',
          'invitations are turned off in the account settings, so only owners and admins can invite users',
        ))
  );
}

/** "Assign to new users — non-admins: Invitations must be turned on", plus assigning itself. */
export function refuseAssignToNewEmail(account: AccountView, user: UserView, integrationId: string) {
  return refuseAssignErrors(account, user, integrationId) ?? refuseInviteUsers(account, user);
}

/**
 * What an inviter may give: a member invites members only, and at most their own access, on
 * integrations they have access to. Owners and admins may give any role and access.
 */
export function refuseGrantOnInvitation(
  inviter: UserView,
  invitee: { role: Role; access: Readonly<Record<string, AccessLevel>> },
): PermissionRefused | undefined {
  if (invitee.role === 'owner') {
    return new PermissionRefused('OWNER_IS_NOT_INVITED', 'an account has one owner; invite an admin or a member');
  }
  if (isAdministrator(inviter.role)) return undefined;
  if (invitee.role !== 'member') {
    return new PermissionRefused('MEMBERS_INVITE_ONLY_MEMBERS', `a member cannot invite an ${invitee.role}`);
  }
  for (const [integrationId, level] of Object.entries(invitee.access)) {
    if (!covers(accessTo(inviter, integrationId), level)) {
      return new PermissionRefused(
        'INVITEE_ACCESS_EXCEEDS_INVITER',
        `a member with ${accessTo(inviter, integrationId) ?? 'no'} access to integration ${integrationId} cannot grant ${level}`,
      );
    }
  }
  return undefined;
}

export type Decision = { allowed: true } | { allowed: false; code: string; reason: string };

const decision = (refusal: PermissionRefused | undefined): Decision =>
  refusal ? { allowed: false, code: refusal.code, reason: refusal.message } : { allowed: true };

/** Everything a user may do in one integration, with the refusing rule where they may not. */
export function permissionsIn(account: AccountView, user: UserView, integrationId: string) {
  return {
    integrationId,
    viewErrors: decision(refuseViewIntegration(account, user, integrationId)),
    assignErrors: decision(refuseAssignErrors(account, user, integrationId)),
    inviteUsers: decision(refuseInviteUsers(account, user)),
    assignToNewEmail: decision(refuseAssignToNewEmail(account, user, integrationId)),
  };
}

/** The integrations whose errors a user may see: every one for owners and admins. */
export function viewableIntegrations(user: UserView): string[] | 'all' {
  if (user.status !== 'active') return [];
  if (isAdministrator(user.role) || user.everyIntegration) return 'all';
  return Object.entries(user.access)
    .filter(([, level]) => covers(level, 'monitor'))
    .map(([integrationId]) => integrationId);
}
