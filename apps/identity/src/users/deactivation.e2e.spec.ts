import type { UserDeactivatedV1, UserReactivatedV1 } from '@faultline/contracts';
import { eventually } from '@faultline/testing';
import { IdentityTestHarness } from '../testing/identity-test-harness';

const identity = new IdentityTestHarness();

beforeAll(() => identity.start());
afterAll(() => identity.stop());

const PASSWORD = 'user-password-1';

describe('deactivating a user', () => {
  it('refuses their token and their sign-in at once, publishes UserDeactivated, and reactivating gives back the same role and access', async () => {
    const { ownerToken } = await identity.createAccount('standard');
    const member = await identity.addUser(ownerToken, 'member', { 'int-1': 'manage' });
    expect((await identity.request('GET', '/me', { token: member.token })).status).toBe(200);

    const deactivated = await identity.request('POST', `/users/${member.userId}/deactivate`, { token: ownerToken });
    expect(deactivated).toMatchObject({ status: 200, body: { userId: member.userId, status: 'deactivated' } });
    expect((await identity.request('GET', '/me', { token: member.token })).status).toBe(401);
    expect((await identity.request('POST', '/sign-in', { body: { email: member.email, password: PASSWORD } })).status).toBe(401);
    await eventually(() =>
      expect(identity.published<UserDeactivatedV1>().filter((event) => event.type === 'UserDeactivated' && event.data.userId === member.userId)).toHaveLength(1),
    );
    const reinvited = await identity.request('POST', '/invitations', { token: ownerToken, body: { email: member.email, role: 'member' } });
    expect(reinvited).toMatchObject({ status: 409, body: { code: 'USER_DEACTIVATED' } });

    const reactivated = await identity.request('POST', `/users/${member.userId}/reactivate`, { token: ownerToken });
    expect(reactivated).toMatchObject({ status: 200, body: { status: 'active', role: 'member', access: { 'int-1': 'manage' } } });
    await eventually(() =>
      expect(identity.published<UserReactivatedV1>().filter((event) => event.type === 'UserReactivated' && event.data.userId === member.userId)).toHaveLength(1),
    );
    await identity.signIn(member.email, PASSWORD);
  });

  it('is for owners and admins, never of oneself nor of the owner', async () => {
    const { ownerToken, ownerUserId } = await identity.createAccount('standard');
    const admin = await identity.addUser(ownerToken, 'admin');
    const member = await identity.addUser(ownerToken, 'member');
    expect((await identity.request('POST', `/users/${admin.userId}/deactivate`, { token: member.token })).body).toMatchObject({ status: 403 });
    expect((await identity.request('POST', `/users/${admin.userId}/deactivate`, { token: admin.token })).body).toMatchObject({ status: 422, code: 'CANNOT_DEACTIVATE_SELF' });
    expect((await identity.request('POST', `/users/${ownerUserId}/deactivate`, { token: admin.token })).body).toMatchObject({ status: 422, code: 'OWNER_IS_FIXED' });
    expect((await identity.request('POST', `/users/${member.userId}/reactivate`, { token: admin.token })).status).toBe(200);
  });
});
