import { signAccessToken } from '@faultline/access';
import { AssignResult, EmailsPage, ErrorsPage, Topics, UserInvitedV1 } from '@faultline/contracts';
import {
  errorOccurred,
  eventually,
  IdentityApiClient,
  KafkaTestClient,
  TEST_JWT_SECRET,
  uniqueTopicPrefix,
} from '@faultline/testing';
import { RunningSystem, SERVICES, SystemService } from '@faultline/local-infra';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The whole system as `npm start` runs it: four service processes started from source, each
 * with its own database, sharing one broker.
 */
describe('the whole system', () => {
  const topicPrefix = uniqueTopicPrefix();
  const kafka = new KafkaTestClient(topicPrefix);
  let system: RunningSystem;

  beforeAll(async () => {
    system = await RunningSystem.start(topicPrefix);
  });

  const serviceUrl = (name: SystemService): string => system.url(name);

  afterAll(async () => {
    await kafka.close();
    await system?.stop();
  });

  it.each(SERVICES)('%s reports its database, Kafka and its running consumer as up', async (name) => {
    const response = await fetch(`${serviceUrl(name)}/health`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { details: unknown }).details).toEqual({
      database: { status: 'up' },
      kafka: { status: 'up', brokers: expect.any(Number) },
      consumer: expect.objectContaining({ status: 'up', state: 'running', problems: [], topics: expect.any(Object) }),
    });
  });

  it.each(SERVICES)('%s documents the body of every request and every answer, problems included', async (name) => {
    const document = (await (await fetch(`${serviceUrl(name)}/docs-json`)).json()) as OpenApiDocument;
    const gaps = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) => undocumented(operation).map((gap) => `${method.toUpperCase()} ${path}: ${gap}`)),
    );
    expect(gaps).toEqual([]);
  });

  it.each(SERVICES)('%s serves the API description committed under docs/openapi/', async (name) => {
    const served = JSON.stringify(await (await fetch(`${serviceUrl(name)}/docs-json`)).json(), null, 2);
    const file = path.join(__dirname, '../../..', 'docs/openapi', `${name}.json`);
    const committed = fs.existsSync(file) ? JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')), null, 2) : undefined;
    if (served !== committed) throw new Error(`docs/openapi/${name}.json is stale or missing: run \`npm run contracts:refresh\` and commit what it writes`);
  });

  it.each(SERVICES)('%s answers with security headers, no X-Powered-By, and never lets a signed-in answer be cached', async (name) => {
    const open = await fetch(`${serviceUrl(name)}/health`);
    expect(open.headers.get('x-powered-by')).toBeNull();
    expect(open.headers.get('x-content-type-options')).toBe('nosniff');
    expect(open.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(open.headers.get('content-security-policy')).toContain("default-src 'self'");
    const signedIn = await fetch(`${serviceUrl(name)}/docs-json`, { headers: { authorization: 'Bearer anything' } });
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(`${serviceUrl(name)}/docs-json`)).headers.get('cache-control')).toBeNull();
    const docs = await fetch(`${serviceUrl(name)}/docs`);
    expect(docs.status).toBe(200);
    // The docs page keeps working under the policy: no inline script.
    expect(await docs.text()).not.toMatch(/<script>[^<]/);
  });

  it('an account made in identity sees, with its owner’s token, the error a runtime publishes', async () => {
    const identity = new IdentityApiClient(serviceUrl('identity'));
    const { accountId, ownerToken } = await identity.createAccount('standard');
    const report = errorOccurred({ accountId });
    await kafka.publish(Topics.flowErrors, [{ key: report.data.flowStepId, value: report }]);

    const errors = system.service('errors');
    await eventually(async () => {
      const response = await fetch(`${errors.baseUrl}/errors`, { headers: { authorization: `Bearer ${ownerToken}` } });
      expect(response.status).toBe(200);
      const page = (await response.json()) as ErrorsPage;
      expect(page.items.map((item) => item.runId)).toEqual([report.data.runId]);
    }, 30_000);
  });

  it('an error assigned in the assignment app is found by its assignee in the errors list', async () => {
    const identity = new IdentityApiClient(serviceUrl('identity'));
    const { accountId, ownerToken, ownerUserId } = await identity.createAccount('standard');
    const report = errorOccurred({ accountId });
    await kafka.publish(Topics.flowErrors, [{ key: report.data.flowStepId, value: report }]);
    const authorization = { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' };
    const listed = async (query: string) => {
      const response = await fetch(`${serviceUrl('errors')}/errors?${query}`, { headers: authorization });
      return (await response.json()) as ErrorsPage;
    };
    const [error] = await eventually(async () => {
      const page = await listed('');
      expect(page.items).toHaveLength(1);
      return page.items;
    }, 30_000);

    const assign = async () =>
      fetch(`${serviceUrl('assignment')}/assignments`, {
        method: 'POST',
        headers: authorization,
        body: JSON.stringify({ errorIds: [error.errorId], assigneeUserId: ownerUserId }),
      });
    await eventually(async () => expect((await assign()).status).toBe(200), 30_000);
    await eventually(async () => expect((await listed('assignee=me')).items.map((item) => item.errorId)).toEqual([error.errorId]), 30_000);
    expect((await listed('assignee=unassigned')).items).toEqual([]);
  });

  it('assigning to a new email invites the person through identity; the errors are theirs, but not visible before they accept', async () => {
    const invitations = await kafka.record(Topics.identityEvents);
    const identity = new IdentityApiClient(serviceUrl('identity'));
    const { accountId, ownerToken } = await identity.createAccount('standard');
    const report = errorOccurred({ accountId });
    await kafka.publish(Topics.flowErrors, [{ key: report.data.flowStepId, value: report }]);
    const headers = { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' };
    const listed = async (query: string, token = ownerToken) => {
      const response = await fetch(`${serviceUrl('errors')}/errors?${query}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: response.status, page: (await response.json()) as ErrorsPage };
    };
    const [error] = await eventually(async () => {
      const { page } = await listed('');
      expect(page.items).toHaveLength(1);
      return page.items;
    }, 30_000);

    const email = `new-${accountId}@example.test`;
    await eventually(async () => {
      const response = await fetch(`${serviceUrl('assignment')}/assignments`, { method: 'POST', headers, body: JSON.stringify({ errorIds: [error.errorId], email }) });
      expect(response.status).toBe(200);
    }, 30_000);
    const invited = await eventually(() => {
      const mine = invitations.json<UserInvitedV1>().filter((event) => event.type === 'UserInvited' && event.data.email === email);
      expect(mine).toHaveLength(1);
      return mine[0];
    }, 30_000);
    expect(invited.data).toMatchObject({ fromAssignment: true, access: { [error.integrationId]: 'monitor' } });

    await eventually(async () => expect((await listed(`assignee=${invited.data.userId}`)).page.items.map((item) => item.errorId)).toEqual([error.errorId]), 30_000);
    // Identity issues tokens to active users only; one for a pending invitee (issued a while ago, so
    // not a just-accepted invitee the service has not heard of yet) is refused.
    const pendingToken = signAccessToken({ userId: invited.data.userId, accountId, role: 'member', issuedAt: new Date(Date.now() - 120_000) }, TEST_JWT_SECRET, 600);
    expect((await listed('', pendingToken)).status).toBe(401);
  });

  it("seed 000's manual invitation: a pending invitee is assigned by id and by email (access widened where needed), accepts, and sees the errors", async () => {
    const identity = new IdentityApiClient(serviceUrl('identity'), await kafka.record(Topics.identityEvents));
    const { accountId, owner, ownerToken } = await identity.createAccount('standard');
    const reports = [
      errorOccurred({ accountId, data: { integrationId: 'int-a', flowStepId: 'step-a1' } }),
      errorOccurred({ accountId, data: { integrationId: 'int-a', flowStepId: 'step-a2' } }),
      errorOccurred({ accountId, data: { integrationId: 'int-a', flowStepId: 'step-a3' } }),
      errorOccurred({ accountId, data: { integrationId: 'int-b', flowStepId: 'step-b1' } }),
    ];
    await kafka.publish(Topics.flowErrors, reports.map((report) => ({ key: report.data.flowStepId, value: report })));
    const listed = async (query: string, token: string) => {
      const response = await fetch(`${serviceUrl('errors')}/errors?${query}`, { headers: { authorization: `Bearer ${token}` } });
      return ((await response.json()) as ErrorsPage).items.map((item) => item.errorId).sort();
    };
    const errorOf = await eventually(async () => {
      const page = (await (await fetch(`${serviceUrl('errors')}/errors`, { headers: { authorization: `Bearer ${ownerToken}` } })).json()) as ErrorsPage;
      expect(page.items).toHaveLength(4);
      return (step: string) => page.items.find((item) => item.flowStepId === step)?.errorId ?? '';
    }, 30_000);
    const invitee = `pat-${accountId}@example.test`;
    const invited = await identity.request('POST', '/invitations', { token: ownerToken, body: { email: invitee, role: 'member', access: { 'int-a': 'monitor' } } });
    expect(invited).toMatchObject({ status: 201, body: { status: 'invited' } });
    const assign = async (body: object) => {
      const response = await fetch(`${serviceUrl('assignment')}/assignments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ownerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as AssignResult };
    };

    // Each error reaches the assignment app on its own partition: until it has, the app answers 404.
    const assignWhenKnown = (body: object) =>
      eventually(async () => {
        const answer = await assign(body);
        expect(answer.status).toBe(200);
        return answer;
      }, 30_000);

    const byId = (await assignWhenKnown({ errorIds: [errorOf('step-a1')], assigneeUserId: invited.body.userId })).body;
    expect(byId).toMatchObject({ changed: 1, outcome: 'assigned_to_invitee', assigneeUserId: invited.body.userId });
    expect((await assignWhenKnown({ errorIds: [errorOf('step-a2')], email: invitee.toUpperCase() })).body).toMatchObject({ changed: 1, outcome: 'assigned_to_invitee' });
    expect((await assignWhenKnown({ errorIds: [errorOf('step-a3')], email: owner.email })).body).toMatchObject({ changed: 1, outcome: 'assigned' });
    const widening = await assignWhenKnown({ errorIds: [errorOf('step-b1')], email: invitee });
    expect(widening.body).toMatchObject({ changed: 0, outcome: 'access_requested', assigneeUserId: invited.body.userId });
    await eventually(async () => {
      const request = await fetch(`${serviceUrl('assignment')}/assignments/requests/${widening.body.invitationRequestId}`, { headers: { authorization: `Bearer ${ownerToken}` } });
      expect(await request.json()).toMatchObject({ status: 'completed', assigneeUserId: invited.body.userId });
    }, 30_000);

    const token = await identity.invitationToken(invitee);
    expect((await identity.request('POST', '/invitations/accept', { body: { token, name: 'Pat', password: 'pat-password-1' } })).status).toBe(200);
    const patToken = await identity.signIn(invitee, 'pat-password-1');
    const expected = [errorOf('step-a1'), errorOf('step-a2'), errorOf('step-b1')].sort();
    await eventually(async () => expect(await listed('assignee=me', patToken)).toEqual(expected), 30_000);
  });

  it("a deactivated user's token is refused by every service within moments, and works again once reactivated", async () => {
    const identity = new IdentityApiClient(serviceUrl('identity'), await kafka.record(Topics.identityEvents));
    const { ownerToken } = await identity.createAccount('standard');
    const member = await identity.addUser(ownerToken, 'member', { 'int-1': 'monitor' });
    const probes: Array<[SystemService, string]> = [
      ['errors', '/errors'],
      ['assignment', '/workload?integrationId=int-1'],
      ['notifications', '/users/me/subscriptions'],
    ];
    const statuses = () =>
      Promise.all(probes.map(async ([service, path]) => (await fetch(`${serviceUrl(service)}${path}`, { headers: { authorization: `Bearer ${member.token}` } })).status));
    await eventually(async () => expect(await statuses()).toEqual([200, 200, 200]), 30_000);

    expect((await identity.request('POST', `/users/${member.userId}/deactivate`, { token: ownerToken })).status).toBe(200);
    await eventually(async () => expect(await statuses()).toEqual([401, 401, 401]), 10_000);
    expect((await identity.request('POST', `/users/${member.userId}/reactivate`, { token: ownerToken })).status).toBe(200);
    await eventually(async () => expect(await statuses()).toEqual([200, 200, 200]), 10_000);
  });

  it("a runtime's 6000 reaches the owner's mailbox as a severity notification, seen in the owner's email audit", async () => {
    const identity = new IdentityApiClient(serviceUrl('identity'));
    const { accountId, owner, ownerToken } = await identity.createAccount('standard');
    const report = errorOccurred({
      accountId,
      data: { httpStatus: 409, severityCode: 6000, notificationErrorTitle: 'Board is locked', disableErrorDescription: 'Unlock the board, then re-enable' },
    });
    await kafka.publish(Topics.flowErrors, [{ key: report.data.flowStepId, value: report }]);

    const [email] = await eventually(async () => {
      const response = await fetch(`${serviceUrl('notifications')}/emails?kind=severity`, { headers: { authorization: `Bearer ${ownerToken}` } });
      const page = (await response.json()) as EmailsPage;
      expect(page.items.map((item) => item.status)).toEqual(['sent']);
      return page.items;
    }, 30_000);
    expect(email).toMatchObject({ recipient: owner.email, subject: 'Board is locked', smtpMessageId: expect.any(String) });
  });
});

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: { type?: string } }> };
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}
type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

/** What a client generator would have to guess about an operation. */
function undocumented(operation: OpenApiOperation): string[] {
  const answers = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
  const bodyless = (status: string) => status === '204';
  const hasSchema = (content?: Record<string, { schema?: object }>) => Object.values(content ?? {}).some((media) => media.schema && Object.keys(media.schema).length > 0);
  return [
    ...(answers.length === 0 ? ['no success answer'] : []),
    ...answers.filter(([status, answer]) => !bodyless(status) && !hasSchema(answer.content)).map(([status]) => `${status} answer has no schema`),
    ...(operation.requestBody && Object.values(operation.requestBody.content ?? {}).some((media) => !media.schema || media.schema.type === 'string')
      ? ['request body has no schema']
      : []),
    ...(hasSchema(operation.responses.default?.content) ? [] : ['problem answers not documented']),
  ];
}
