import { ErrorsPage, Topics } from '@faultline/contracts';
import { errorOccurred, eventually, IdentityApiClient, KafkaTestClient, uniqueTopicPrefix } from '@faultline/testing';
import { RunningSystem, SERVICES, SystemService } from '@faultline/local-infra';

/** A JSON Schema as the OpenAPI documents carry it. */
interface Schema {
  type?: string;
  format?: string;
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
}

interface Operation {
  service: SystemService;
  method: string;
  path: string;
  query: string[];
  body?: Schema;
}

/** Routes no bearer token reaches: the platform's internal key, and the doors to signing in. */
const NOT_FOR_SIGNED_IN_USERS = [/^\/health$/, /^\/internal\//, /^\/sign-in$/, /^\/invitations\/accept$/, /^\/invitations\/by-token\//];

/** Every operation of the four OpenAPI documents (generated from each service's router). */
async function operations(system: RunningSystem): Promise<Operation[]> {
  const found: Operation[] = [];
  for (const service of SERVICES) {
    const document = (await (await fetch(`${system.url(service)}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
    };
    for (const [path, methods] of Object.entries(document.paths)) {
      if (NOT_FOR_SIGNED_IN_USERS.some((pattern) => pattern.test(path))) continue;
      for (const [method, operation] of Object.entries(methods)) {
        const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
        found.push({ service, method: method.toUpperCase(), path, query, body: operation.requestBody?.content['application/json']?.schema });
      }
    }
  }
  return found;
}

/**
 * Two accounts and a member with access to one integration only. Every route of every service
 * (so a route added later is covered without anyone remembering to) is called with the other
 * account's token and this account's ids, in the path, the query and the body: the answer is a
 * refusal or holds nothing of this account, and this account is unchanged afterwards. Then the
 * same calls by the member, naming the integration they cannot view: nothing of it comes back.
 */
describe('tenancy on every route', () => {
  const topicPrefix = uniqueTopicPrefix();
  const kafka = new KafkaTestClient(topicPrefix);
  let system: RunningSystem;
  let identity: IdentityApiClient;
  const mine = { ids: {} as Record<string, string>, ownerToken: '', memberToken: '' };
  let strangerToken = '';

  const call = async (service: SystemService, method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${system.url(service)}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    system = await RunningSystem.start(topicPrefix);
    identity = new IdentityApiClient(system.url('identity'), await kafka.record(Topics.identityEvents));
    const account = await identity.createAccount('standard');
    mine.ownerToken = account.ownerToken;
    const member = await identity.addUser(account.ownerToken, 'member', { 'int-2': 'monitor' });
    mine.memberToken = member.token;
    strangerToken = (await identity.createAccount('standard')).ownerToken;

    const reports = [
      errorOccurred({ accountId: account.accountId, data: { integrationId: 'int-1', flowId: 'flow-1', flowStepId: 'step-1', traceKey: 'order-1', retryDataKey: 'order-1', retryData: { id: 1 } } }),
      errorOccurred({ accountId: account.accountId, data: { integrationId: 'int-1', flowId: 'flow-1', flowStepId: 'step-2' } }),
      errorOccurred({ accountId: account.accountId, data: { integrationId: 'int-2', flowId: 'flow-2', flowStepId: 'step-3' } }),
    ];
    await kafka.publish(Topics.flowErrors, reports.map((report) => ({ key: report.data.flowStepId, value: report })));
    const page = await eventually(async () => {
      const listed = JSON.parse((await call('errors', 'GET', '/errors', mine.ownerToken)).text) as ErrorsPage;
      expect(listed.items).toHaveLength(3);
      return listed;
    }, 30_000);
    const errorOf = (step: string) => page.items.find((item) => item.flowStepId === step)?.errorId ?? '';
    const tag = JSON.parse((await call('errors', 'POST', '/tags', mine.ownerToken, { name: 'mine', colour: '#aa3300' })).text) as { tagId: string };
    await call('errors', 'POST', '/errors/tags', mine.ownerToken, { errorIds: [errorOf('step-1')], add: [tag.tagId] });
    await eventually(async () => expect((await call('assignment', 'POST', '/assignments', mine.ownerToken, { errorIds: [errorOf('step-1')], assigneeUserId: account.ownerUserId })).status).toBe(200), 30_000);
    // Each error reaches the assignment app on its own partition: step-2's may come after step-1's (a 404 until then).
    const request = await eventually(async () => {
      const answer = await call('assignment', 'POST', '/assignments', mine.ownerToken, { errorIds: [errorOf('step-2')], email: 'newcomer@example.test' });
      expect(answer.status).toBe(200);
      return JSON.parse(answer.text) as { invitationRequestId: string };
    }, 30_000);
    // Everything set going has landed before the stranger comes: the invitee has the error.
    await eventually(async () => {
      const listed = JSON.parse((await call('errors', 'GET', '/errors?assignee=unassigned', mine.ownerToken)).text) as ErrorsPage;
      expect(listed.items.map((item) => item.flowStepId)).toEqual(['step-3']);
    }, 30_000);
    await call('notifications', 'PUT', '/users/me/subscriptions/int-1/flow-1', mine.ownerToken);
    await call('errors', 'POST', '/errors/retry', mine.ownerToken, { errorIds: [errorOf('step-1')], notBefore: new Date(Date.now() + 3_600_000).toISOString() });
    const retries = JSON.parse((await call('errors', 'GET', '/integrations/int-1/flows/flow-1/retries', mine.ownerToken)).text) as { items: Array<{ retryId: string }> };
    const emails = await eventually(async () => {
      const audit = JSON.parse((await call('notifications', 'GET', '/emails', mine.ownerToken)).text) as { items: Array<{ emailId: string }> };
      expect(audit.items.length).toBeGreaterThan(0);
      return audit.items;
    }, 30_000);
    mine.ids = {
      errorId: errorOf('step-1'),
      otherErrorId: errorOf('step-2'),
      int2ErrorId: errorOf('step-3'),
      tagId: tag.tagId,
      retryId: retries.items[0]?.retryId ?? '',
      requestId: request.invitationRequestId,
      userId: account.ownerUserId,
      memberId: member.userId,
      emailId: emails[0].emailId,
      integrationId: 'int-1',
      flowId: 'flow-1',
    };
    expect(Object.values(mine.ids).every(Boolean)).toBe(true);
  }, 180_000);

  afterAll(async () => {
    await kafka.close();
    await system?.stop();
  });

  /** A value for a schema, naming this account's things wherever a field can name one. */
  const valueFor = (name: string, schema: Schema): unknown => {
    const { ids } = mine;
    const byName: Record<string, unknown> = {
      errorIds: [ids.errorId, ids.otherErrorId],
      errorId: ids.errorId,
      add: [ids.tagId],
      remove: [ids.tagId],
      tagIds: [ids.tagId],
      assigneeUserId: ids.userId,
      userId: ids.userId,
      integrationId: ids.integrationId,
      flowId: ids.flowId,
      filter: { integrationId: ids.integrationId },
      access: { [ids.integrationId]: 'monitor' },
      retryData: { id: 2 },
      colour: '#00aa33',
      dryRun: false,
    };
    if (name in byName) return byName[name];
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices) return valueFor(name, choices[choices.length - 1]);
    if (schema.const !== undefined) return schema.const;
    if (schema.type === 'object') return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, valueFor(key, property)]));
    if (schema.type === 'array') return schema.items ? [valueFor(name, schema.items)] : [];
    if (schema.type === 'integer' || schema.type === 'number') return 1;
    if (schema.type === 'boolean') return true;
    if (schema.format === 'uuid') return ids.errorId;
    if (schema.format === 'email') return 'tenancy@example.test';
    if (schema.format === 'date-time') return new Date(Date.now() + 60_000).toISOString();
    return `tenancy-${name}`;
  };

  /** The path and query naming our things, and bodies to try: every field, then each without one optional field (for "one of" rules). */
  const requestFor = (operation: Operation) => {
    const { ids } = mine;
    const path = operation.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => encodeURIComponent(name === 'userId' ? ids.memberId : (ids[name] ?? ids.errorId)));
    const named = operation.query.filter((name) => name in ids || name === 'assignee');
    const query = new URLSearchParams(named.map((name): [string, string] => [name, name === 'assignee' ? ids.userId : ids[name]]));
    const full = operation.body ? valueFor('body', operation.body) : ['POST', 'PUT', 'PATCH'].includes(operation.method) ? {} : undefined;
    const optional = Object.keys(operation.body?.properties ?? {}).filter((name) => !(operation.body?.required ?? []).includes(name));
    const withoutOne = optional.map((left) => Object.fromEntries(Object.entries(full as Record<string, unknown>).filter(([name]) => name !== left)));
    return { path: `${path}${query.size > 0 ? `?${query}` : ''}`, bodies: [full, ...withoutOne] };
  };

  /** What the account's owner sees of everything a stranger could try to change. */
  const snapshot = async () => {
    const { ids, ownerToken } = mine;
    const reads: Array<[SystemService, string]> = [
      ['errors', '/errors?limit=100'],
      ['errors', `/errors/${ids.errorId}`],
      ['errors', '/tags'],
      ['errors', `/integrations/int-1/flows/flow-1`],
      ['errors', `/integrations/int-1/flows/flow-1/retries`],
      ['errors', '/settings/retention'],
      ['assignment', `/errors/${ids.errorId}/assignments`],
      ['assignment', `/assignments/requests/${ids.requestId}`],
      ['identity', '/users'],
      ['identity', '/invitations'],
      ['identity', '/account/settings'],
      ['notifications', '/users/me/subscriptions'],
    ];
    return Promise.all(reads.map(async ([service, path]) => `${service} ${path} ${(await call(service, 'GET', path, ownerToken)).text}`));
  };

  it("another account's owner gets a refusal or nothing of ours from every route, and changes nothing", async () => {
    const known = await operations(system);
    expect(known.length).toBeGreaterThan(40);
    const before = await snapshot();
    const leaks: string[] = [];
    const answered = new Map<number, number>();
    for (const operation of known) {
      const { path, bodies } = requestFor(operation);
      let response = await call(operation.service, operation.method, path, strangerToken, bodies[0]);
      for (const body of bodies.slice(1)) {
        if (response.status !== 400) break;
        response = await call(operation.service, operation.method, path, strangerToken, body);
      }
      answered.set(response.status, (answered.get(response.status) ?? 0) + 1);
      const leaked = Object.entries(mine.ids).filter(([name, id]) => !['integrationId', 'flowId'].includes(name) && response.text.includes(id));
      if (response.status >= 500 || (response.status < 300 && leaked.length > 0)) {
        leaks.push(`${operation.method} ${path} → ${response.status} with ${leaked.map(([name]) => name).join(', ')}: ${response.text.slice(0, 200)}`);
      }
    }
    expect(leaks).toEqual([]);
    // Refusals name the rule; what was accepted acted on the stranger's own (empty) account.
    expect([...answered.keys()].every((status) => [200, 201, 202, 204, 400, 401, 403, 404, 409, 422].includes(status))).toBe(true);
    // What the calls set going (events between services) has had time to land.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await snapshot()).toEqual(before);
  });

  it('a member without access to an integration gets nothing of it from any route', async () => {
    const known = await operations(system);
    const leaks: string[] = [];
    for (const operation of known.filter((candidate) => candidate.method === 'GET')) {
      const { path } = requestFor(operation);
      const response = await call(operation.service, operation.method, path, mine.memberToken);
      const leaked = ['errorId', 'otherErrorId', 'retryId'].filter((name) => response.text.includes(mine.ids[name]));
      if (response.status < 300 && leaked.length > 0) leaks.push(`${operation.method} ${path} → ${response.status} with ${leaked.join(', ')}`);
    }
    expect(leaks).toEqual([]);
    // The same member does see their own integration's error: the check above can fail.
    expect((await call('errors', 'GET', '/errors', mine.memberToken)).text).toContain(mine.ids.int2ErrorId);
  });
});
