import { ErrorsPage, Topics } from '@faultline/contracts';
import { RunningSystem, SystemService } from '@faultline/local-infra';
import { errorOccurred, eventually, IdentityApiClient, KafkaTestClient, uniqueTopicPrefix } from '@faultline/testing';

/**
 * Machine API tokens across the system: made in identity, accepted by every service (identity
 * included) as a bearer token with its scope's permissions, refused everywhere once revoked.
 */
describe('machine API tokens', () => {
  const topicPrefix = uniqueTopicPrefix();
  const kafka = new KafkaTestClient(topicPrefix);
  let system: RunningSystem;
  let identity: IdentityApiClient;
  let account: Awaited<ReturnType<IdentityApiClient['createAccount']>>;
  let errorId: string;

  const call = async (service: SystemService, bearer: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${system.url(service)}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const newToken = async (scope: 'read' | 'triage' | 'admin') => (await call('identity', account.ownerToken, 'POST', '/api-tokens', { name: `${scope} token`, scope })).body as { tokenId: string; token: string };

  beforeAll(async () => {
    system = await RunningSystem.start(topicPrefix);
    identity = new IdentityApiClient(system.url('identity'));
    account = await identity.createAccount('standard');
    const report = errorOccurred({ accountId: account.accountId });
    await kafka.publish(Topics.flowErrors, [{ key: report.data.flowStepId, value: report }]);
    errorId = await eventually(async () => {
      const page = (await call('errors', account.ownerToken, 'GET', '/errors')).body as ErrorsPage;
      expect(page.items).toHaveLength(1);
      return page.items[0].errorId;
    }, 30_000);
  });

  afterAll(async () => {
    await kafka.close();
    await system?.stop();
  });

  it('a read token lists errors on every service and is refused any change with 403', async () => {
    const { token } = await newToken('read');
    await eventually(async () => expect((await call('errors', token, 'GET', '/errors')).body.items.map((item: { errorId: string }) => item.errorId)).toEqual([errorId]), 20_000);
    await eventually(async () => expect((await call('assignment', token, 'GET', `/errors/${errorId}/assignments`)).status).toBe(200));
    await eventually(async () => expect((await call('notifications', token, 'GET', '/users/me/subscriptions')).status).toBe(200));
    expect((await call('identity', token, 'GET', '/users')).body.map((user: { userId: string }) => user.userId)).toContain(account.ownerUserId);
    expect((await call('identity', token, 'POST', '/invitations', { email: 'someone@example.test', role: 'member', access: {} })).body).toMatchObject({ status: 403, code: 'TOKEN_READ_ONLY' });
    const assign = await call('assignment', token, 'POST', '/assignments', { errorIds: [errorId], assigneeUserId: account.ownerUserId });
    expect(assign).toMatchObject({ status: 403, body: { code: 'TOKEN_READ_ONLY' } });
    expect((await call('errors', token, 'POST', '/errors/resolve', { errorIds: [errorId] })).body).toMatchObject({ status: 403, code: 'TOKEN_READ_ONLY' });
  });

  it("each service keeps when it last saw a token, which owners and admins read and the token's holder may not", async () => {
    const { tokenId, token } = await newToken('read');
    const before = Date.now();
    await eventually(async () => expect((await call('assignment', token, 'GET', `/errors/${errorId}/assignments`)).status).toBe(200), 20_000);
    const usage = await eventually(async () => {
      const answer = await call('assignment', account.ownerToken, 'GET', '/api-tokens/usage');
      const use = (answer.body.items as Array<{ tokenId: string; lastUsedAt: string }>).find((item) => item.tokenId === tokenId);
      expect(use).toBeDefined();
      return use!;
    });
    expect(Date.parse(usage.lastUsedAt)).toBeGreaterThanOrEqual(before - 1_000);
    // Not used on the errors service: it has nothing to say of it.
    const onErrors = await call('errors', account.ownerToken, 'GET', '/api-tokens/usage');
    expect(onErrors.body.items.map((item: { tokenId: string }) => item.tokenId)).not.toContain(tokenId);
    expect(await call('assignment', token, 'GET', '/api-tokens/usage')).toMatchObject({ status: 403, body: { code: 'ADMINISTRATORS_ONLY' } });
  });

  it('a triage token assigns and resolves as a member who manages every integration', async () => {
    const { token } = await newToken('triage');
    const assigned = await eventually(async () => {
      const answer = await call('assignment', token, 'POST', '/assignments', { errorIds: [errorId], assigneeUserId: account.ownerUserId });
      expect(answer.status).toBe(200);
      return answer.body;
    }, 20_000);
    expect(assigned).toMatchObject({ outcome: 'assigned', assigneeUserId: account.ownerUserId });
    // Each service learns of the token from identity's event, each at its own pace.
    await eventually(async () => expect((await call('errors', token, 'POST', '/errors/resolve', { errorIds: [errorId] })).body).toMatchObject({ changed: 1 }), 20_000);
    expect((await call('errors', token, 'PUT', '/settings/retention', { days: 30 })).body).toMatchObject({ status: 403, code: 'ADMINISTRATORS_ONLY' });
  });

  it('a revoked token is refused with 401 by every service', async () => {
    const { tokenId, token } = await newToken('read');
    const services: SystemService[] = ['errors', 'assignment', 'notifications', 'identity'];
    const paths: Record<string, string> = { errors: '/errors', assignment: `/errors/${errorId}/assignments`, notifications: '/users/me/subscriptions', identity: '/users' };
    for (const service of services) await eventually(async () => expect((await call(service, token, 'GET', paths[service])).status).toBe(200), 20_000);

    expect((await call('identity', account.ownerToken, 'DELETE', `/api-tokens/${tokenId}`)).status).toBe(204);
    for (const service of services) await eventually(async () => expect((await call(service, token, 'GET', paths[service])).status).toBe(401));
    expect((await call('errors', 'flt_not-a-token-anyone-made', 'GET', '/errors')).status).toBe(401);
  });
});
