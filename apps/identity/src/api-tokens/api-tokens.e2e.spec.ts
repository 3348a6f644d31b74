import type { ApiTokenCreatedV1, ApiTokenRevokedV1 } from '@faultline/contracts';
import { eventually } from '@faultline/testing';
import { createHash } from 'node:crypto';
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
});
