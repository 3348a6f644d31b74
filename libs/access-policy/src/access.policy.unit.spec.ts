import {
  accessTo,
  refuseAssignErrors,
  refuseAssignToNewEmail,
  refuseGrantOnInvitation,
  refuseInviteUsers,
  refuseViewIntegration,
  requireAdministrator,
  viewableIntegrations,
} from './access.policy';
import type { AccessLevel, AccountView, Plan, Role, UserView } from './access.types';

const INTEGRATION = 'int-1';
const account = (plan: Plan, invitationsEnabled: boolean): AccountView => ({ accountId: 'acc-1', plan, invitationsEnabled });
const accessOn = (level?: AccessLevel): Record<string, AccessLevel> => (level ? { [INTEGRATION]: level } : {});
const user = (role: Role, level?: AccessLevel, status: UserView['status'] = 'active'): UserView => ({
  userId: `u-${role}`,
  accountId: 'acc-1',
  role,
  status,
  access: accessOn(level),
});

/**
 * The seed's permission table, row by row, over every role × invitations setting × plan ×
 * access level. Expectations are written from the table's words, not from the code under test.
 */
const roles: Role[] = ['owner', 'admin', 'member'];
const plans: Plan[] = ['free', 'standard', 'professional', 'enterprise'];
const levels: Array<AccessLevel | undefined> = [undefined, 'monitor', 'manage'];
const matrix = roles.flatMap((role) =>
  [true, false].flatMap((invitations) =>
    plans.flatMap((plan) => levels.map((level) => ({ role, invitations, plan, level }))),
  ),
);

const seesIntegration = (role: Role, level?: AccessLevel) => role !== 'member' || level !== undefined;
const planHasAssignment = (plan: Plan) => plan !== 'free';

describe('the permission table', () => {
  it.each(matrix)('$role, invitations $invitations, $plan plan, $level access', ({ role, invitations, plan, level }) => {
    const acc = account(plan, invitations);
    const actor = user(role, level);
    const mayAssign = planHasAssignment(plan) && seesIntegration(role, level);
    const mayInvite = role !== 'member' || invitations;

    expect(refuseViewIntegration(acc, actor, INTEGRATION) === undefined).toBe(seesIntegration(role, level));
    expect(refuseAssignErrors(acc, actor, INTEGRATION) === undefined).toBe(mayAssign);
    expect(refuseInviteUsers(acc, actor) === undefined).toBe(mayInvite);
    expect(refuseAssignToNewEmail(acc, actor, INTEGRATION) === undefined).toBe(mayAssign && mayInvite);
  });
});

describe('refusals say which rule refused', () => {
  it('assigning on the Free plan is refused for the plan, even for the owner', () => {
    expect(refuseAssignErrors(account('free', true), user('owner'), INTEGRATION)?.code).toBe('PLAN_EXCLUDES_ASSIGNMENT');
  });

  it('assigning without access to the integration is refused for access', () => {
    expect(refuseAssignErrors(account('standard', true), user('member'), INTEGRATION)?.code).toBe('NO_ACCESS_TO_INTEGRATION');
  });

  it('a member inviting while invitations are off is refused, and the message says invitations are off', () => {
    const refusal = refuseInviteUsers(account('standard', false), user('member', 'manage'));
    expect(refusal?.code).toBe('INVITATIONS_DISABLED_FOR_MEMBERS');
    expect(refusal?.message).toMatch(/invitations are turned off/);
  });

  it('assigning to a new email as a member is refused when invitations are off', () => {
    expect(refuseAssignToNewEmail(account('standard', false), user('member', 'monitor'), INTEGRATION)?.code).toBe(
      'INVITATIONS_DISABLED_FOR_MEMBERS',
    );
  });

  it('a pending invitee can do nothing until they accept', () => {
    const invitee = user('admin', undefined, 'invited');
    expect(refuseViewIntegration(account('enterprise', true), invitee, INTEGRATION)?.code).toBe('USER_NOT_ACTIVE');
    expect(refuseInviteUsers(account('enterprise', true), invitee)?.code).toBe('USER_NOT_ACTIVE');
  });

  it('a user of another account is refused', () => {
    const stranger = { ...user('owner'), accountId: 'acc-2' };
    expect(refuseViewIntegration(account('enterprise', true), stranger, INTEGRATION)?.code).toBe('OTHER_ACCOUNT');
  });
});

describe('what an inviter may grant', () => {
  const invitee = (role: Role, level?: AccessLevel) => ({ role, access: accessOn(level) });

  it('owners and admins may invite admins and members with any access', () => {
    for (const inviter of [user('owner'), user('admin')]) {
      expect(refuseGrantOnInvitation(inviter, invitee('admin'))).toBeUndefined();
      expect(refuseGrantOnInvitation(inviter, invitee('member', 'manage'))).toBeUndefined();
    }
  });

  it('nobody invites an owner', () => {
    expect(refuseGrantOnInvitation(user('owner'), invitee('owner'))?.code).toBe('OWNER_IS_NOT_INVITED');
  });

  it('a member invites members only', () => {
    expect(refuseGrantOnInvitation(user('member', 'manage'), invitee('admin'))?.code).toBe('MEMBERS_INVITE_ONLY_MEMBERS');
  });

  it.each([
    ['monitor', 'monitor', true],
    ['monitor', 'manage', false],
    ['manage', 'monitor', true],
    ['manage', 'manage', true],
    [undefined, 'monitor', false],
  ] as const)('a member with %s access granting %s: allowed %s', (held, granted, allowed) => {
    const refusal = refuseGrantOnInvitation(user('member', held), invitee('member', granted));
    expect(refusal === undefined).toBe(allowed);
    if (!allowed) expect(refusal?.code).toBe('INVITEE_ACCESS_EXCEEDS_INVITER');
  });

  it.each([
    ['owner', true],
    ['admin', true],
    ['member', false],
  ] as const)('an %s may act for the account as an administrator: %s', (role, allowed) => {
    const act = () => requireAdministrator({ role }, 'change the retention period');
    if (allowed) expect(act).not.toThrow();
    else expect(act).toThrow(expect.objectContaining({ code: 'ADMINISTRATORS_ONLY', message: 'only owners and admins change the retention period' }));
  });
});

describe('a machine API token', () => {
  const token = (level: AccessLevel): UserView => ({ ...user('member'), everyIntegration: level });

  it('sees every integration, those to come included, at its level', () => {
    expect(viewableIntegrations(token('monitor'))).toBe('all');
    expect(accessTo(token('monitor'), 'int-created-tomorrow')).toBe('monitor');
    expect(accessTo(token('manage'), INTEGRATION)).toBe('manage');
  });
});
