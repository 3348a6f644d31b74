import { randomUUID } from 'node:crypto';
import { IdentityTestHarness } from '../testing/identity-test-harness';

type Plan = 'free' | 'standard' | 'professional' | 'enterprise';
type Actor = 'owner' | 'admin' | 'member without access' | 'member with monitor' | 'member with manage';

const identity = new IdentityTestHarness();
const INTEGRATION = 'int-1';

beforeAll(() => identity.start());
afterAll(() => identity.stop());

/**
 * The seed's permission table through the real HTTP API: every role and access level, with
 * invitations on and off, on every plan. Expectations come from the table's words.
 */
const expected = (plan: Plan, invitations: boolean, actor: Actor) => {
  const administrator = actor === 'owner' || actor === 'admin';
  const sees = administrator || actor !== 'member without access';
  const assigns = plan !== 'free' && sees;
  const invites = administrator || invitations;
  return { viewErrors: sees, assignErrors: assigns, inviteUsers: invites, assignToNewEmail: assigns && invites };
};

describe.each<Plan>(['free', 'standard', 'professional', 'enterprise'])('on the %s plan', (plan) => {
  const tokens = {} as Record<Actor, string>;
  let ownerToken: string;

  beforeAll(async () => {
    ({ ownerToken } = await identity.createAccount(plan));
    tokens.owner = ownerToken;
    tokens.admin = (await identity.addUser(ownerToken, 'admin')).token;
    tokens['member without access'] = (await identity.addUser(ownerToken, 'member', { 'int-other': 'manage' })).token;
    tokens['member with monitor'] = (await identity.addUser(ownerToken, 'member', { [INTEGRATION]: 'monitor' })).token;
    tokens['member with manage'] = (await identity.addUser(ownerToken, 'member', { [INTEGRATION]: 'manage' })).token;
  });

  describe.each([true, false])('with invitations %s', (invitations) => {
    beforeAll(async () => {
      const changed = await identity.request('PATCH', '/account/settings', { token: ownerToken, body: { invitationsEnabled: invitations } });
      expect(changed.status).toBe(200);
    });

    it.each<Actor>(['owner', 'admin', 'member without access', 'member with monitor', 'member with manage'])(
      '%s',
      async (actor) => {
        const rules = expected(plan, invitations, actor);
        const permissions = await identity.request('GET', `/me/permissions?integrationId=${INTEGRATION}`, { token: tokens[actor] });
        expect(permissions.status).toBe(200);
        expect({
          viewErrors: permissions.body.viewErrors.allowed,
          assignErrors: permissions.body.assignErrors.allowed,
          inviteUsers: permissions.body.inviteUsers.allowed,
          assignToNewEmail: permissions.body.assignToNewEmail.allowed,
        }).toEqual(rules);

        const invited = await identity.request('POST', '/invitations', {
          token: tokens[actor],
          body: { email: `new-${randomUUID()}@example.test`, role: 'member', access: {} },
        });
        expect(invited.status).toBe(rules.inviteUsers ? 201 : 403);
        if (!rules.inviteUsers) expect(invited.body).toMatchObject({ code: 'INVITATIONS_DISABLED_FOR_MEMBERS', detail: expect.stringMatching(/invitations are turned off/) });
      },
    );
  });
});

describe('what members may grant and change', () => {
  let ownerToken: string;
  let monitor: { token: string; userId: string };

  beforeAll(async () => {
    ({ ownerToken } = await identity.createAccount('standard'));
    monitor = await identity.addUser(ownerToken, 'member', { [INTEGRATION]: 'monitor' });
  });

  const inviteAs = (token: string, role: string, access: Record<string, string>) =>
    identity.request('POST', '/invitations', { token, body: { email: `x-${randomUUID()}@example.test`, role, access } });

  it('a member with monitor access may invite with monitor, not manage, and only where they have access', async () => {
    expect((await inviteAs(monitor.token, 'member', { [INTEGRATION]: 'monitor' })).status).toBe(201);
    expect(await inviteAs(monitor.token, 'member', { [INTEGRATION]: 'manage' })).toMatchObject({
      status: 403,
      body: { code: 'INVITEE_ACCESS_EXCEEDS_INVITER' },
    });
    expect((await inviteAs(monitor.token, 'member', { 'int-9': 'monitor' })).status).toBe(403);
    expect(await inviteAs(monitor.token, 'admin', {})).toMatchObject({ status: 403, body: { code: 'MEMBERS_INVITE_ONLY_MEMBERS' } });
  });

  it('a member cannot change roles, access or settings; an admin can', async () => {
    const other = await identity.addUser(ownerToken, 'member');
    const asMember = { token: monitor.token };
    expect((await identity.request('PUT', `/users/${other.userId}/role`, { ...asMember, body: { role: 'admin' } })).status).toBe(403);
    expect((await identity.request('PUT', `/users/${other.userId}/access/${INTEGRATION}`, { ...asMember, body: { level: 'monitor' } })).status).toBe(403);
    expect((await identity.request('PATCH', '/account/settings', { ...asMember, body: { invitationsEnabled: false } })).status).toBe(403);

    const granted = await identity.request('PUT', `/users/${other.userId}/access/${INTEGRATION}`, { token: ownerToken, body: { level: 'manage' } });
    expect(granted).toMatchObject({ status: 200, body: { access: { [INTEGRATION]: 'manage' } } });
    const revoked = await identity.request('DELETE', `/users/${other.userId}/access/${INTEGRATION}`, { token: ownerToken });
    expect(revoked).toMatchObject({ status: 200, body: { access: {} } });
  });

  it('an access change counts at once, without a new token', async () => {
    const user = await identity.addUser(ownerToken, 'member', { [INTEGRATION]: 'monitor' });
    await identity.request('DELETE', `/users/${user.userId}/access/${INTEGRATION}`, { token: ownerToken });
    const permissions = await identity.request('GET', `/me/permissions?integrationId=${INTEGRATION}`, { token: user.token });
    expect(permissions.body.viewErrors).toMatchObject({ allowed: false, code: 'NO_ACCESS_TO_INTEGRATION' });
  });
});
