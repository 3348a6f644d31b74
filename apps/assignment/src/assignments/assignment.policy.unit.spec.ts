import type { AccountView, Plan, UserView } from '@faultline/access-policy';
import { AssigneeCannotTakeErrors, AssigneeInvitationRevoked, AssignmentRequest, refuseAssignment } from './assignment.policy';

const account = (plan: Plan = 'standard', invitationsEnabled = true): AccountView => ({ accountId: 'acc-1', plan, invitationsEnabled });
const user = (role: UserView['role'], access: UserView['access'] = {}, status: UserView['status'] = 'active', userId = `usr-${role}`): UserView => ({
  userId,
  accountId: 'acc-1',
  role,
  status,
  access,
});
const bob = user('member', { 'int-1': 'monitor', 'int-2': 'monitor' }, 'active', 'usr-bob');
const toBob = { kind: 'user' as const, userId: 'usr-bob', user: bob };

const code = (request: Partial<AssignmentRequest>): string | undefined => {
  const refusal = refuseAssignment({ account: account(), actor: user('owner'), integrationIds: ['int-1'], assignee: toBob, ...request });
  return refusal && ((refusal as { code?: string }).code ?? refusal.name);
};

describe('who may assign errors (seed 000)', () => {
  it.each<[Plan, string | undefined]>([
    ['free', 'PLAN_EXCLUDES_ASSIGNMENT'],
    ['standard', undefined],
    ['professional', undefined],
    ['enterprise', undefined],
  ])('on the %s plan: %s', (plan, expected) => {
    expect(code({ account: account(plan) })).toBe(expected);
  });

  it.each<[string, UserView, string | undefined]>([
    ['an owner', user('owner'), undefined],
    ['an admin', user('admin'), undefined],
    ['a member with monitor access', user('member', { 'int-1': 'monitor' }), undefined],
    ['a member with manage access', user('member', { 'int-1': 'manage' }), undefined],
    ['a member without access', user('member', { 'int-2': 'manage' }), 'NO_ACCESS_TO_INTEGRATION'],
    ['an invited user who has not accepted', user('admin', {}, 'invited'), 'USER_NOT_ACTIVE'],
  ])('%s: %s', (_who, actor, expected) => {
    expect(code({ actor })).toBe(expected);
  });

  it('a request with one error the actor may not see is refused as a whole', () => {
    expect(code({ actor: user('member', { 'int-1': 'monitor' }), integrationIds: ['int-1', 'int-3'] })).toBe('NO_ACCESS_TO_INTEGRATION');
  });
});

describe('who may be assigned', () => {
  it('an active user with monitor access to every integration involved', () => {
    expect(code({ integrationIds: ['int-1', 'int-2'] })).toBeUndefined();
  });

  it('an invited user who has not accepted yet, with monitor access (seed 000, manual invitation)', () => {
    const dan = user('member', { 'int-1': 'monitor', 'int-2': 'monitor' }, 'invited', 'usr-dan');
    expect(code({ integrationIds: ['int-1', 'int-2'], assignee: { kind: 'user', userId: 'usr-dan', user: dan } })).toBeUndefined();
  });

  it('not a user whose invitation was revoked (422 naming the rule)', () => {
    const erin = user('member', { 'int-1': 'monitor' }, 'revoked', 'usr-erin');
    const refusal = refuseAssignment({ account: account(), actor: user('owner'), integrationIds: ['int-1'], assignee: { kind: 'user', userId: 'usr-erin', user: erin } });
    expect(refusal).toBeInstanceOf(AssigneeInvitationRevoked);
    expect(refusal).toMatchObject({ code: 'ASSIGNEE_INVITATION_REVOKED', message: expect.stringContaining('usr-erin') });
  });

  it.each<[string, AssignmentRequest['assignee']]>([
    ['without access to one integration', { kind: 'user', userId: 'usr-carol', user: user('member', { 'int-1': 'monitor' }, 'active', 'usr-carol') }],
    ['invited, without access to one integration', { kind: 'user', userId: 'usr-dan', user: user('member', { 'int-1': 'monitor' }, 'invited', 'usr-dan') }],
    ['unknown to the account', { kind: 'user', userId: 'usr-nobody' }],
  ])('not a user %s (422 naming them)', (_why, assignee) => {
    const refusal = refuseAssignment({ account: account(), actor: user('owner'), integrationIds: ['int-1', 'int-2'], assignee });
    expect(refusal).toBeInstanceOf(AssigneeCannotTakeErrors);
    expect(refusal?.message).toContain(assignee.kind === 'user' ? assignee.userId : '');
  });

  it('the 422 names the integration the assignee cannot see', () => {
    const carol = user('member', { 'int-1': 'monitor' }, 'active', 'usr-carol');
    expect(refuseAssignment({ account: account(), actor: user('owner'), integrationIds: ['int-1', 'int-2'], assignee: { kind: 'user', userId: 'usr-carol', user: carol } })?.message).toContain('int-2');
  });
});

describe('assigning to a new email', () => {
  it.each<[string, UserView, boolean, string | undefined]>([
    ['an owner, invitations off', user('owner'), false, undefined],
    ['an admin, invitations off', user('admin'), false, undefined],
    ['a member, invitations on', user('member', { 'int-1': 'monitor' }), true, undefined],
    ['a member, invitations off', user('member', { 'int-1': 'monitor' }), false, 'INVITATIONS_DISABLED_FOR_MEMBERS'],
  ])('%s: %s', (_who, actor, invitationsEnabled, expected) => {
    expect(code({ actor, account: account('standard', invitationsEnabled), assignee: { kind: 'email' } })).toBe(expected);
  });

  it('is not possible on the free plan', () => {
    expect(code({ account: account('free'), assignee: { kind: 'email' } })).toBe('PLAN_EXCLUDES_ASSIGNMENT');
  });
});
