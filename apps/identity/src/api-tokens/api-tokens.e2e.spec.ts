import type { ApiTokenCreatedV1, ApiTokenRevokedV1, UserInvitedV1 } from '@faultline/contracts';
import { compareWithRebuild } from '@faultline/eventing';
import { eventually } from '@faultline/testing';
import { createHash, randomUUID } from 'node:crypto';
import { identityReadModels } from '../rebuild/read-models.rebuild';
import { IdentityTestHarness } from '../testing/identity-test-harness';

const identity = new IdentityTestHarness();

beforeAll(() => identity.start());
afterAll(() => identity.stop());

describe('machine API tokens', () => {
  it('an owner creates one and sees it once; the list and the published event never carry it, only its hash', async () => {
    const { ownerToken } = await identity.createAccount('standard');
    const created = await identity.request('POST', '/api-tokens', { token: ownerToken, body: { name: 'Contract tests', scope: 'read', expiresInDays: 30 } });
    expect(created).toMatchObject({ status: 201, body: { name: 'Contract tests', scope: 'read', revokedAt: null, token: expect.stringMatching(/^flt_[\w-]{43}$/) } });
    const { tokenId, token, expiresAt } = created.body as { tokenId: string; token: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const listed = await identity.request('GET', '/api-tokens', { token: ownerToken });
    expect(listed.body).toEqual([expect.objectContaining({ tokenId, name: 'Contract tests' })]);
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const announced = await eventually(() => {
      const event = identity.published<ApiTokenCreatedV1>().find((candidate) => candidate.type === 'ApiTokenCreated' && candidate.data.tokenId === tokenId);
      expect(event).toBeDefined();
      return event as ApiTokenCreatedV1;
    });
    expect(announced.data.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(announced)).not.toContain(token);
  });

  it('only owners and admins make, list and revoke them; revoking twice is fine; another account’s token is not found', async () => {
    const { ownerToken } = await identity.createAccount('standard');
    const member = await identity.addUser(ownerToken, 'member');
    const admin = await identity.addUser(ownerToken, 'admin');
    expect((await identity.request('POST', '/api-tokens', { token: member.token, body: { name: 'mine', scope: 'admin' } })).body).toMatchObject({ status: 403, code: 'ADMINISTRATORS_ONLY' });
    expect((await identity.request('GET', '/api-tokens', { token: member.token })).status).toBe(403);
    const { tokenId } = (await identity.request('POST', '/api-tokens', { token: admin.token, body: { name: 'CI', scope: 'triage' } })).body as { tokenId: string };

    expect((await identity.request('DELETE', `/api-tokens/${tokenId}`, { token: member.token })).status).toBe(403);
    expect((await identity.request('DELETE', `/api-tokens/${tokenId}`, { token: ownerToken })).status).toBe(204);
    expect((await identity.request('DELETE', `/api-tokens/${tokenId}`, { token: ownerToken })).status).toBe(204);
    expect((await identity.request('GET', '/api-tokens', { token: ownerToken })).body).toEqual([expect.objectContaining({ tokenId, revokedAt: expect.any(String) })]);
    await eventually(() => expect(identity.published<ApiTokenRevokedV1>().filter((event) => event.type === 'ApiTokenRevoked' && event.data.tokenId === tokenId)).toHaveLength(1));

    const other = await identity.createAccount('standard');
    expect((await identity.request('DELETE', `/api-tokens/${tokenId}`, { token: other.ownerToken })).body).toMatchObject({ status: 404, code: 'API_TOKEN_NOT_FOUND' });
    expect((await identity.request('POST', '/api-tokens', { token: ownerToken, body: { name: '', scope: 'root' } })).status).toBe(400);
  });

  const tokenOf = async (ownerToken: string, scope: 'read' | 'triage' | 'admin', name = `${scope} tool`) => {
    const created = await identity.request('POST', '/api-tokens', { token: ownerToken, body: { name, scope } });
    return created.body as { tokenId: string; token: string };
  };

  it('identity accepts them with their scope’s rights: read lists and may not write, admin invites and manages users as an admin', async () => {
    const { ownerToken } = await identity.createAccount('standard');
    const member = await identity.addUser(ownerToken, 'member');
    const reader = await tokenOf(ownerToken, 'read');
    const admin = await tokenOf(ownerToken, 'admin', 'Onboarding');

    expect((await identity.request('GET', '/users', { token: reader.token })).status).toBe(200);
    expect((await identity.request('GET', '/me/permissions?integrationId=int-1', { token: reader.token })).body).toMatchObject({ viewErrors: { allowed: true } });
    const email = `by-token-${randomUUID()}@example.test`;
    const refused = await identity.request('POST', '/invitations', { token: reader.token, body: { email, role: 'member', access: { 'int-1': 'monitor' } } });
    expect(refused.body).toMatchObject({ status: 403, code: 'TOKEN_READ_ONLY' });

    const invited = await identity.request('POST', '/invitations', { token: admin.token, body: { email, role: 'member', access: { 'int-1': 'monitor' } } });
    expect(invited.status).toBe(201);
    const event = await eventually(() => {
      const found = identity.published<UserInvitedV1>().find((candidate) => candidate.type === 'UserInvited' && candidate.data.email === email);
      expect(found).toBeDefined();
      return found as UserInvitedV1;
    });
    expect(event.data.invitedBy).toBe(`token:${admin.tokenId}`);
    expect(event.actor).toEqual({ type: 'user', id: `token:${admin.tokenId}` });
    const preview = await identity.request('GET', `/invitations/by-token/${await identity.invitationToken(email)}`);
    expect(preview.body).toMatchObject({ invitedByName: 'API token “Onboarding”' });
    const pending = await identity.request('GET', '/invitations', { token: ownerToken });
    expect(pending.body).toContainEqual(expect.objectContaining({ email, invitedBy: `token:${admin.tokenId}`, invitedByName: 'API token “Onboarding”' }));
    expect((await identity.request('PUT', `/users/${member.userId}/role`, { token: admin.token, body: { role: 'admin' } })).body).toMatchObject({ role: 'admin' });
    expect((await identity.request('PUT', `/users/${member.userId}/role`, { token: reader.token, body: { role: 'member' } })).status).toBe(403);
  });

  it('a token never makes or revokes tokens, nor reads /me, whatever its scope; it may list them as an admin', async () => {
    const { ownerToken } = await identity.createAccount('standard');
    const admin = await tokenOf(ownerToken, 'admin');
    const made = await identity.request('POST', '/api-tokens', { token: admin.token, body: { name: 'successor', scope: 'admin' } });
    expect(made.body).toMatchObject({ status: 403, code: 'PEOPLE_ONLY', detail: expect.stringContaining('cannot make API tokens') });
    expect((await identity.request('DELETE', `/api-tokens/${admin.tokenId}`, { token: admin.token })).body).toMatchObject({ status: 403, code: 'PEOPLE_ONLY' });
    expect((await identity.request('GET', '/me', { token: admin.token })).body).toMatchObject({ status: 403, code: 'PEOPLE_ONLY' });
    const listed = await identity.request('GET', '/api-tokens', { token: admin.token });
    expect(listed.body).toEqual([expect.objectContaining({ tokenId: admin.tokenId, revokedAt: null })]);
  });

  it('revoked is refused by identity at once; owners see when each token was last used on identity, and a rebuild keeps it', async () => {
    const { ownerToken } = await identity.createAccount('standard');
    const used = await tokenOf(ownerToken, 'triage');
    const unused = await tokenOf(ownerToken, 'read');
    expect((await identity.request('GET', '/users', { token: used.token })).status).toBe(200);
    const usage = await eventually(async () => {
      const answer = await identity.request('GET', '/api-tokens/usage', { token: ownerToken });
      expect(answer.body.items).toHaveLength(1);
      return answer.body as { items: Array<{ tokenId: string; lastUsedAt: string }> };
    });
    expect(usage.items[0]).toEqual({ tokenId: used.tokenId, lastUsedAt: expect.any(String) });
    expect(usage.items.map((item) => item.tokenId)).not.toContain(unused.tokenId);
    expect((await identity.request('GET', '/api-tokens/usage', { token: used.token })).body).toMatchObject({ status: 403, code: 'ADMINISTRATORS_ONLY' });

    expect((await compareWithRebuild(identity.dataSource, identityReadModels())).differing).toEqual([]);
    expect((await identity.request('GET', '/api-tokens/usage', { token: ownerToken })).body.items).toEqual(usage.items);

    expect((await identity.request('DELETE', `/api-tokens/${used.tokenId}`, { token: ownerToken })).status).toBe(204);
    expect((await identity.request('GET', '/users', { token: used.token })).status).toBe(401);
    expect((await identity.request('GET', '/users', { token: 'flt_not-a-token' })).status).toBe(401);
  });
});
