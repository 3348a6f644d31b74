import {
  ACCESS_MIGRATIONS,
  AccessModule,
  AccessPermissions,
  AccessTokenGuard,
  AccessUser,
  AuthenticatedUser,
  signAccessToken,
} from '@faultline/access';
import { FORBIDDEN_BY_CODE } from '@faultline/access-policy';
import { Topics } from '@faultline/contracts';
import { freePort, ServiceProcess, startServiceProcess } from '@faultline/local-infra';
import { loadServiceConfig, ServiceModule, startService } from '@faultline/platform';
import {
  eventually,
  IdentityApiClient,
  KafkaTestClient,
  TEST_JWT_SECRET,
  testServiceEnvironment,
  uniqueTopicPrefix,
} from '@faultline/testing';
import { Controller, Get, INestApplication, Module, Param, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';

const INTEGRATION = 'int-1';
type Actor = 'owner' | 'admin' | 'member without access' | 'member with monitor' | 'member with manage';

/**
 * libs/access, fed only from identity.events.v1, must answer exactly as identity does. Identity
 * runs as its own process; the probe is a service that has nothing but the access module.
 */
describe('the access read model of another service', () => {
  const topicPrefix = uniqueTopicPrefix();
  const kafka = new KafkaTestClient(topicPrefix);
  let identityProcess: ServiceProcess;
  let identity: IdentityApiClient;
  let probe: INestApplication;
  const users: Array<{ plan: string; actor: Actor; userId: string; token: string }> = [];

  beforeAll(async () => {
    const httpPort = await freePort();
    identityProcess = startServiceProcess('identity', {
      env: await testServiceEnvironment('identity', { httpPort, topicPrefix }),
      httpPort,
    });
    await identityProcess.healthy(90_000);
    identity = new IdentityApiClient(identityProcess.baseUrl, await kafka.record(Topics.identityEvents));

    /** A route guarded the way every service guards its API. */
    @Controller('probe')
    @UseGuards(AccessTokenGuard)
    class ProbeController {
      constructor(private readonly permissions: AccessPermissions) {}

      @Get('integrations/:integrationId/errors')
      async errors(@AuthenticatedUser() user: AccessUser, @Param('integrationId') integrationId: string) {
        await this.permissions.require(user, integrationId, 'viewErrors');
        return { userId: user.userId, integrationId };
      }
    }

    @Module({ controllers: [ProbeController] })
    class ProbeModule {}
    const config = loadServiceConfig('assignment', await testServiceEnvironment('assignment', { topicPrefix }));
    probe = await startService(
      {
        module: ProbeModule,
        imports: [ServiceModule.forRoot({ config, migrations: ACCESS_MIGRATIONS }), AccessModule.forRoot({ jwtSecret: TEST_JWT_SECRET })],
      },
      { config, title: 'access probe', statusByCode: FORBIDDEN_BY_CODE, logLevels: ['error', 'fatal'] },
    );

    for (const plan of ['free', 'enterprise'] as const) {
      const { ownerToken, ownerUserId } = await identity.createAccount(plan);
      users.push({ plan, actor: 'owner', userId: ownerUserId, token: ownerToken });
      const add = async (actor: Actor, role: 'admin' | 'member', access: Record<string, 'monitor' | 'manage'>) =>
        users.push({ plan, actor, ...(await identity.addUser(ownerToken, role, access)) });
      await add('admin', 'admin', {});
      await add('member without access', 'member', {});
      await add('member with monitor', 'member', { [INTEGRATION]: 'monitor' });
      await add('member with manage', 'member', { [INTEGRATION]: 'manage' });
      if (plan === 'enterprise') {
        await identity.request('PATCH', '/account/settings', { token: ownerToken, body: { invitationsEnabled: false } });
      }
    }
  });

  afterAll(async () => {
    await kafka.close();
    await probe?.close();
    await identityProcess?.stop();
  });

  it('gives the same answers as identity for every role and access level, on two plans and both invitation settings', async () => {
    const permissions = probe.get(AccessPermissions);
    for (const user of users) {
      const fromIdentity = await identity.request('GET', `/me/permissions?integrationId=${INTEGRATION}`, { token: user.token });
      expect(fromIdentity.status).toBe(200);
      await eventually(async () =>
        expect({ plan: user.plan, actor: user.actor, ...(await permissions.permissions(user.userId, INTEGRATION)) }).toEqual({
          plan: user.plan,
          actor: user.actor,
          ...fromIdentity.body,
        }),
      );
    }
  });

  it("follows an access change to the same answer as identity's", async () => {
    const member = users.find((user) => user.actor === 'member with monitor' && user.plan === 'enterprise')!;
    const owner = users.find((user) => user.actor === 'owner' && user.plan === 'enterprise')!;
    await identity.request('DELETE', `/users/${member.userId}/access/${INTEGRATION}`, { token: owner.token });

    await eventually(async () =>
      expect((await probe.get(AccessPermissions).permissions(member.userId, INTEGRATION)).viewErrors).toEqual({
        allowed: false,
        code: 'NO_ACCESS_TO_INTEGRATION',
        reason: expect.any(String),
      }),
    );
  });

  describe("a service's own guard", () => {
    const probeGet = async (path: string, token?: string) => {
      const response = await fetch(`${await probe.getUrl()}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      return { status: response.status, contentType: response.headers.get('content-type'), body: (await response.json()) as Record<string, unknown> };
    };
    const memberWithAccess = () => users.find((user) => user.actor === 'member with manage' && user.plan === 'free')!;

    it('admits a signed-in user to an integration they can view', async () => {
      const member = memberWithAccess();
      await eventually(async () => expect((await probeGet(`/probe/integrations/${INTEGRATION}/errors`, member.token)).status).toBe(200));
    });

    it('answers 403 with the rule for an integration the user cannot view', async () => {
      const response = await probeGet('/probe/integrations/int-elsewhere/errors', memberWithAccess().token);
      expect(response).toMatchObject({ status: 403, body: { code: 'NO_ACCESS_TO_INTEGRATION', detail: expect.stringMatching(/int-elsewhere/) } });
      expect(response.contentType).toMatch(/^application\/problem\+json/);
    });

    it('answers 401 for no token, a forged token and an expired token', async () => {
      const member = memberWithAccess();
      const expired = signAccessToken({ userId: member.userId, accountId: 'any', role: 'member' }, TEST_JWT_SECRET, -60);
      const forged = signAccessToken({ userId: member.userId, accountId: 'any', role: 'owner' }, 'another-secret-of-at-least-32-chars!', 60);
      for (const token of [undefined, forged, expired]) {
        const response = await probeGet(`/probe/integrations/${INTEGRATION}/errors`, token);
        expect(response).toMatchObject({ status: 401, body: { status: 401 } });
        expect(response.contentType).toMatch(/^application\/problem\+json/);
      }
    });

    it('answers 503 with Retry-After for a token issued a moment ago to a user it has not heard of yet, and 401 once the token is older', async () => {
      const path = `${await probe.getUrl()}/probe/integrations/${INTEGRATION}/errors`;
      const newcomer = signAccessToken({ userId: 'usr-not-here-yet', accountId: 'acc-new', role: 'owner' }, TEST_JWT_SECRET, 600);
      const fresh = await fetch(path, { headers: { authorization: `Bearer ${newcomer}` } });
      expect(fresh.status).toBe(503);
      expect(fresh.headers.get('retry-after')).toBe('1');
      expect(fresh.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      // The same token as identity would have issued two minutes ago: by now the user would be known.
      const issuedEarlier = signAccessToken(
        { userId: 'usr-not-here-yet', accountId: 'acc-new', role: 'owner', issuedAt: new Date(Date.now() - 120_000) },
        TEST_JWT_SECRET,
        600,
      );
      const stale = await fetch(path, { headers: { authorization: `Bearer ${issuedEarlier}` } });
      expect(stale.status).toBe(401);
    });

    it('answers the same 503 to a fresh token of a user it knows only as invited (their acceptance is on its way)', async () => {
      const path = `${await probe.getUrl()}/probe/integrations/${INTEGRATION}/errors`;
      const owner = users.find((user) => user.actor === 'owner' && user.plan === 'enterprise');
      const email = `pending-${Date.now()}@example.test`;
      const invited = await identity.request('POST', '/invitations', { token: owner?.token, body: { email, role: 'member', access: { [INTEGRATION]: 'monitor' } } });
      const statusHere = async () =>
        ((await probe.get(DataSource).query('SELECT status FROM access_users WHERE user_id = $1', [invited.body.userId])) as Array<{ status: string }>)[0]?.status;
      await eventually(async () => expect(await statusHere()).toBe('invited'));
      const claims = { userId: invited.body.userId as string, accountId: invited.body.accountId as string, role: 'member' as const };
      const justAccepted = await fetch(path, { headers: { authorization: `Bearer ${signAccessToken(claims, TEST_JWT_SECRET, 600)}` } });
      expect(justAccepted.status).toBe(503);
      const long = signAccessToken({ ...claims, issuedAt: new Date(Date.now() - 120_000) }, TEST_JWT_SECRET, 600);
      expect((await fetch(path, { headers: { authorization: `Bearer ${long}` } })).status).toBe(401);
    });
  });
});
