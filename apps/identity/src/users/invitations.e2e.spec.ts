import type { UserInvitedV1 } from '@faultline/contracts';
import { eventually } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import { IdentityTestHarness } from '../testing/identity-test-harness';

const identity = new IdentityTestHarness();
let ownerToken: string;

beforeAll(async () => {
  await identity.start();
  ({ ownerToken } = await identity.createAccount('standard'));
});

afterAll(() => identity.stop());

const invite = (email: string, token = ownerToken) =>
  identity.request('POST', '/invitations', { token, body: { email, role: 'member', access: { 'int-1': 'monitor' } } });
const accept = (token: string, password = 'invitee-password') =>
  identity.request('POST', '/invitations/accept', { body: { token, name: 'Ana', password } });
const usersNow = async () => (await identity.request('GET', '/users', { token: ownerToken })).body;

describe('the invitation lifecycle', () => {
  it('invite → UserInvited published with its link → the link shows the invitation → accept → sign in', async () => {
    const email = `ana-${randomUUID()}@example.test`;
    const invited = await invite(email);
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email, status: 'invited', role: 'member', access: { 'int-1': 'monitor' } });
    expect(JSON.stringify(invited.body)).not.toMatch(/token/i);

    const token = await identity.invitationToken(email);
    const event = identity.published<UserInvitedV1>().find((candidate) => candidate.data.email === email)!;
    expect(event.data).toMatchObject({ fromAssignment: false, resent: false, role: 'member' });
    expect(token.length).toBeGreaterThanOrEqual(43);

    const shown = await identity.request('GET', `/invitations/by-token/${token}`);
    expect(shown).toMatchObject({ status: 200, body: { email, role: 'member', accountName: 'Acme', invitedByName: 'Olga Owner' } });

    const signInBefore = await identity.request('POST', '/sign-in', { body: { email, password: 'invitee-password' } });
    expect(signInBefore.status).toBe(401);

    const accepted = await accept(token);
    expect(accepted).toMatchObject({ status: 200, body: { email, status: 'active', name: 'Ana' } });
    const me = await identity.request('GET', '/me', { token: await identity.signIn(email, 'invitee-password') });
    expect(me.body.user).toMatchObject({ email, role: 'member', status: 'active' });
  });

  it('a used token fails the second time and changes nothing', async () => {
    const email = `reuse-${randomUUID()}@example.test`;
    await invite(email);
    const token = await identity.invitationToken(email);
    expect((await accept(token)).status).toBe(200);
    const before = await usersNow();

    const again = await accept(token, 'another-password');

    expect(again.status).toBe(404);
    expect(again.contentType).toMatch(/application\/problem\+json/);
    expect(await usersNow()).toEqual(before);
    await expect(identity.signIn(email, 'another-password')).rejects.toThrow(/401/);
  });

  it('an expired token fails with 410 and leaves the invitation pending', async () => {
    const email = `late-${randomUUID()}@example.test`;
    await invite(email);
    const token = await identity.invitationToken(email);
    identity.clock.advance(7 * 24 * 3_600_000 + 1);
    try {
      const late = await accept(token);
      expect(late).toMatchObject({ status: 410, body: { code: 'INVITATION_EXPIRED' } });
      const pending = await identity.request('GET', '/invitations', { token: ownerToken });
      expect(pending.body).toContainEqual(expect.objectContaining({ email, invitedByName: 'Olga Owner' }));
    } finally {
      identity.clock.advance(-(7 * 24 * 3_600_000 + 1));
    }
  });

  it('a revoked invitation cannot be accepted, and a re-sent one only with its new link', async () => {
    const revokedEmail = `revoked-${randomUUID()}@example.test`;
    const { body: revoked } = await invite(revokedEmail);
    const revokedToken = await identity.invitationToken(revokedEmail);
    expect((await identity.request('POST', `/invitations/${revoked.userId}/revoke`, { token: ownerToken })).status).toBe(204);
    expect((await accept(revokedToken)).status).toBe(404);

    const resentEmail = `resent-${randomUUID()}@example.test`;
    const { body: resent } = await invite(resentEmail);
    const oldToken = await identity.invitationToken(resentEmail);
    expect((await identity.request('POST', `/invitations/${resent.userId}/resend`, { token: ownerToken })).status).toBe(200);
    const newToken = await identity.invitationToken(resentEmail, 2);
    expect(newToken).not.toBe(oldToken);
    expect((await accept(oldToken)).status).toBe(404);
    expect((await accept(newToken)).status).toBe(200);
  });

  it("a member sees and acts on only the invitations within their own grants; an admin's or wider ones are refused and unchanged", async () => {
    const member = await identity.addUser(ownerToken, 'member', { 'int-1': 'manage' });
    const mine = await invite(`mine-${randomUUID()}@example.test`, member.token);
    const admins = await identity.request('POST', '/invitations', { token: ownerToken, body: { email: `adm-${randomUUID()}@example.test`, role: 'admin' } });
    const wider = await identity.request('POST', '/invitations', {
      token: ownerToken,
      body: { email: `wide-${randomUUID()}@example.test`, role: 'member', access: { 'int-9': 'manage' } },
    });

    const listed = (await identity.request('GET', '/invitations', { token: member.token })).body as Array<{ userId: string }>;
    expect(listed.map((invitee) => invitee.userId)).toContain(mine.body.userId);
    expect(listed.map((invitee) => invitee.userId)).not.toContain(admins.body.userId);
    expect(listed.map((invitee) => invitee.userId)).not.toContain(wider.body.userId);
    expect((await identity.request('POST', `/invitations/${admins.body.userId}/revoke`, { token: member.token })).body).toMatchObject({ status: 403, code: 'MEMBERS_INVITE_ONLY_MEMBERS' });
    expect((await identity.request('POST', `/invitations/${wider.body.userId}/resend`, { token: member.token })).body).toMatchObject({ status: 403, code: 'INVITEE_ACCESS_EXCEEDS_INVITER' });
    const all = (await identity.request('GET', '/invitations', { token: ownerToken })).body as Array<{ userId: string; expiresAt: string }>;
    expect(all.find((invitee) => invitee.userId === wider.body.userId)?.expiresAt).toBe(wider.body.expiresAt);
    expect(all.map((invitee) => invitee.userId)).toContain(admins.body.userId);
    expect((await identity.request('POST', `/invitations/${mine.body.userId}/revoke`, { token: member.token })).status).toBe(204);
  });

  it("the invitation's token is readable neither on the topic nor in identity's tables; published outbox rows are purged after the retention", async () => {
    const email = `sealed-${randomUUID()}@example.test`;
    expect((await invite(email)).status).toBe(201);
    const token = await identity.invitationToken(email);
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(identity.published())).not.toContain(token);
    const stored = await identity.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT value::text AS t FROM outbox UNION ALL SELECT data::text FROM event_store UNION ALL SELECT row_to_json(u)::text FROM users u) AS everything WHERE t LIKE '%' || $1 || '%'`,
      [token],
    );
    expect(stored).toEqual([{ n: 0 }]);

    await identity.restart({ OUTBOX_RETENTION_HOURS: '0', OUTBOX_PURGE_INTERVAL_MS: '100' });
    await eventually(async () =>
      expect(await identity.dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NOT NULL')).toEqual([{ n: 0 }]),
    );
    expect((await accept(token, 'a-long-enough-passphrase')).status).toBe(200);
    await identity.restart();
  });

  it('a wrong token fails with 404', async () => {
    const wrong = await accept('x'.repeat(43));
    expect(wrong).toMatchObject({ status: 404, body: { code: 'INVITATION_TOKEN_INVALID' } });
  });

  it('inviting a pending email again re-sends it; inviting an active user is a 409', async () => {
    const email = `twice-${randomUUID()}@example.test`;
    const first = await invite(email);
    const second = await invite(email.toUpperCase());
    expect(second.status).toBe(201);
    expect(second.body.userId).toBe(first.body.userId);
    await identity.invitationToken(email, 2);
    expect(identity.published<UserInvitedV1>().filter((event) => event.data.email === email).map((event) => event.data.resent)).toEqual([
      false,
      true,
    ]);

    await accept(await identity.invitationToken(email, 2));
    expect(await invite(email)).toMatchObject({ status: 409, body: { code: 'USER_ALREADY_ACTIVE' } });
  });
});

describe('signing in', () => {
  it('a wrong password and an unknown email get the same 401', async () => {
    const { owner } = await identity.createAccount('standard');
    const wrongPassword = await identity.request('POST', '/sign-in', { body: { email: owner.email, password: 'not-it' } });
    const unknown = await identity.request('POST', '/sign-in', { body: { email: 'nobody@example.test', password: 'not-it' } });
    expect(wrongPassword.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrongPassword.body.detail).toBe(unknown.body.detail);
  });

  it('no token or a forged token is a 401 problem', async () => {
    expect((await identity.request('GET', '/me')).status).toBe(401);
    expect((await identity.request('GET', '/me', { token: 'not.a.jwt' })).status).toBe(401);
    const { ownerToken: token } = await identity.createAccount('standard');
    const forged = token.slice(0, -4) + (token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const response = await identity.request('GET', '/me', { token: forged });
    expect(response).toMatchObject({ status: 401, body: { status: 401 } });
    expect(response.contentType).toMatch(/application\/problem\+json/);
  });
});
