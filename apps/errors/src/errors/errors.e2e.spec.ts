import { signAccessToken } from '@faultline/access';
import { ErrorOccurredV2, ErrorRecordedV1, ErrorsPage, MonitorView, RetryScheduledV1, Topics, validate } from '@faultline/contracts';
import { errorOccurred, eventually, invitationAccepted, KafkaTestClient, TEST_JWT_SECRET } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import { ErrorsHarness } from '../test-support/errors-harness';

let harness: ErrorsHarness;
let kafka: KafkaTestClient;

beforeAll(async () => {
  harness = await ErrorsHarness.start();
  kafka = harness.kafka;
});

afterAll(async () => {
  await harness?.close();
});

/** The token of each account's owner. */
const tokens = new Map<string, string>();

async function newAccount(): Promise<string> {
  const { accountId, ownerToken } = await harness.newAccount();
  tokens.set(accountId, ownerToken);
  return accountId;
}

const get = (path: string, accountId?: string, token = accountId && tokens.get(accountId)) => harness.request('GET', path, token || undefined);

const listed = (accountId: string, query = ''): Promise<ErrorsPage> => harness.list(tokens.get(accountId) ?? '', query);

const publish = (...reports: Array<object | string>) => harness.publishReports(...reports);

describe('the errors service records what flow runtimes report', () => {
  it('a failure published on flow.errors.v1 is listed by GET /errors and GET /errors/:id', async () => {
    const accountId = await newAccount();
    const report = errorOccurred({ accountId, data: { httpStatus: 422, code: 'MISSING_FIELD', traceKey: 'order-1' } });
    await publish(report);

    const page = await eventually(async () => {
      const result = await listed(accountId);
      expect(result.items).toHaveLength(1);
      return result;
    });
    expect(page.items[0]).toMatchObject({
      accountId,
      integrationId: 'int-1',
      flowId: 'flow-1',
      flowStepId: 'step-1',
      runId: report.data.runId,
      message: report.data.message,
      httpStatus: 422,
      code: 'MISSING_FIELD',
      traceKey: 'order-1',
      status: 'open',
      errorClass: 'missing',
      severity: 'none',
      httpStatusName: 'UNPROCESSABLE_ENTITY',
      occurredAt: report.occurredAt,
    });
    const one = await get(`/errors/${page.items[0].errorId}`, accountId);
    expect(one.status).toBe(200);
    expect(one.body.error).toEqual(page.items[0]);
  });

  it('a severity code in the app’s response body makes the error severe, and the list filters by severity and class', async () => {
    const accountId = await newAccount();
    const disabling = errorOccurred({
      accountId,
      data: { httpStatus: 400, message: 'Group 42 was deleted', responseBody: { severityCode: 6000, runtimeErrorDescription: 'gone' } },
    });
    const rateLimited = errorOccurred({ accountId, data: { httpStatus: 429, message: 'Slow down' } });
    await publish(disabling, rateLimited);

    await eventually(async () => expect((await listed(accountId)).items).toHaveLength(2));
    const high = await listed(accountId, `severity=high`);
    expect(high.items.map((item) => [item.runId, item.severity])).toEqual([[disabling.data.runId, 'high']]);
    const limited = await listed(accountId, `errorClass=rate_limit`);
    expect(limited.items.map((item) => item.runId)).toEqual([rateLimited.data.runId]);
    expect((await get('/errors?severity=extreme', accountId)).body.errors[0].pointer).toBe('/query/severity');
    const details = await get(`/errors/${high.items[0].errorId}`, accountId);
    expect(details.body.responseBody).toEqual({ severityCode: 6000, runtimeErrorDescription: 'gone' });
    expect(details.body.history[0].details).not.toHaveProperty('responseBody');
    expect((await get(`/errors/${limited.items[0].errorId}`, accountId)).body.responseBody).toBeNull();
  });

  it('a custom action failing with a 503 is retried instead of listed, until its 30 minutes are over', async () => {
    const commands = await kafka.record(Topics.flowCommands);
    const accountId = await newAccount();
    const firstAttempt = errorOccurred({ accountId, data: { stepType: 'custom_action', httpStatus: 503, retryData: { id: 7 } } });
    await publish(firstAttempt);

    const [scheduled] = await eventually(() => {
      const mine = commands.json<RetryScheduledV1>().filter((command) => command.data.failedEventId === firstAttempt.eventId);
      expect(mine).toHaveLength(1);
      return mine;
    });
    expect(scheduled).toMatchObject({
      causationId: firstAttempt.eventId,
      data: { attempt: 2, runId: firstAttempt.data.runId, firstAttemptAt: firstAttempt.occurredAt, retryData: { id: 7 } },
    });
    expect(Date.parse(scheduled.data.notBefore)).toBeGreaterThan(Date.parse(scheduled.occurredAt));
    expect((await listed(accountId)).items).toEqual([]);

    const longAgo = new Date(Date.now() - 31 * 60_000).toISOString();
    const lastAttempt = errorOccurred({
      accountId,
      data: { stepType: 'custom_action', httpStatus: 503, runId: firstAttempt.data.runId, attempt: 9, firstAttemptAt: longAgo },
    });
    await publish(lastAttempt);
    const [error] = await eventually(async () => {
      const { items } = await listed(accountId);
      expect(items.map((item) => item.runId)).toEqual([firstAttempt.data.runId]);
      return items;
    });
    // The error says it was retried automatically, how often, and why retrying stopped.
    const recorded = (await get(`/errors/${error.errorId}`, accountId)).body.history[0];
    expect(recorded).toMatchObject({ type: 'ErrorRecorded', details: { automaticRetries: { attempts: 9, stoppedBecause: 'window_closed' } } });
  });

  it('a webhook failure is listed at once, never retried', async () => {
    const commands = await kafka.record(Topics.flowCommands);
    const accountId = await newAccount();
    const hook = errorOccurred({ accountId, data: { stepType: 'webhook', httpStatus: 503 } });
    await publish(hook);

    await eventually(async () => expect((await listed(accountId)).items).toHaveLength(1));
    expect(commands.json<RetryScheduledV1>().filter((command) => command.data.failedEventId === hook.eventId)).toEqual([]);
  });

  it('the same report delivered twice records one error', async () => {
    const accountId = await newAccount();
    const report = errorOccurred({ accountId });
    const later = errorOccurred({ accountId, occurredAt: new Date(Date.now() + 1000).toISOString() });
    await publish(report, report);
    await publish(report, later);

    await eventually(async () => expect((await listed(accountId)).items).toHaveLength(2));
    const page = await listed(accountId);
    expect(page.items.map((item) => item.runId).sort()).toEqual([report.data.runId, later.data.runId].sort());
  });

  it('a malformed message goes to the DLQ with its reason while the next good message is still recorded', async () => {
    const dlq = await kafka.record(`${Topics.flowErrors}.dlq`);
    const accountId = await newAccount();
    const missingFlow = errorOccurred({ accountId });
    delete (missingFlow.data as Partial<typeof missingFlow.data>).flowId;
    const good = errorOccurred({ accountId });

    await publish('{not json', missingFlow, { ...errorOccurred(), type: 'ErrorTeleported' }, good);

    await eventually(async () => expect((await listed(accountId)).items).toHaveLength(1));
    const rejected = await dlq.waitFor(3);
    expect(rejected.map((message) => message.headers['dlq-reason'])).toEqual([
      expect.stringMatching(/not JSON/),
      expect.stringMatching(/\/data\/flowId/),
      expect.stringMatching(/unknown event ErrorTeleported v1/),
    ]);
    expect(rejected[0].value).toBe('{not json');
    expect(rejected[1]).toMatchObject({ key: 'step-1', headers: { 'dlq-source-topic': kafka.topic(Topics.flowErrors) } });
    expect(JSON.parse(rejected[1].value)).toEqual(missingFlow);
  });

  it('publishes ErrorRecorded on errors.events.v1 once per recorded error, valid against its contract', async () => {
    const recorder = await kafka.record(Topics.errorsEvents);
    const accountId = await newAccount();
    const reports = Array.from({ length: 30 }, () => errorOccurred({ accountId }));
    await publish(...reports, ...reports.slice(0, 10));

    await eventually(() => {
      const mine = recorder.json<ErrorRecordedV1>().filter((event) => event.accountId === accountId);
      expect(mine).toHaveLength(30);
    });
    const mine = recorder.json<ErrorRecordedV1>().filter((event) => event.accountId === accountId);
    expect(new Set(mine.map((event) => event.eventId)).size).toBe(30);
    expect(new Set(mine.map((event) => event.causationId))).toEqual(new Set(reports.map((report) => report.eventId)));
    for (const event of mine) expect(validate(ErrorRecordedV1, event)).toEqual({ ok: true, value: event });
  });

  it('reads ErrorOccurred v1 and v2 on the topic at once: a v2 report names its integration, flow and step, a v1 report is listed by ids', async () => {
    const recorder = await kafka.record(Topics.errorsEvents);
    const accountId = await newAccount();
    const v1 = errorOccurred({ accountId, data: { flowStepId: 'step-v1', message: 'From an older runtime' } });
    const names = { integrationName: 'Shopify ↔ NetSuite', flowName: 'Orders to NetSuite', flowStepName: 'Import sales orders' };
    const v2: ErrorOccurredV2 = { ...errorOccurred({ accountId, data: { flowStepId: 'step-v2', message: 'From a newer runtime' } }), version: 2 };
    v2.data = { ...v2.data, ...names };
    await publish(v1, v2);

    const items = await eventually(async () => {
      const page = await listed(accountId);
      expect(page.items).toHaveLength(2);
      return page.items;
    });
    expect(items.find((item) => item.flowStepId === 'step-v2')).toMatchObject(names);
    expect(items.find((item) => item.flowStepId === 'step-v1')).toMatchObject({ integrationName: null, flowName: null, flowStepName: null });
    // The dashboard names them too: a flow or step without a name in any of its reports has none.
    const monitor = (await get('/monitor', accountId)).body as MonitorView;
    expect(monitor.integrations).toEqual([expect.objectContaining({ integrationId: 'int-1', name: names.integrationName, open: 2 })]);
    expect(monitor.flows).toEqual([expect.objectContaining({ flowId: 'flow-1', name: names.flowName })]);
    expect(monitor.steps).toEqual(
      expect.arrayContaining([expect.objectContaining({ flowStepId: 'step-v2', name: names.flowStepName }), expect.objectContaining({ flowStepId: 'step-v1', name: null })]),
    );
    // Other apps learn the names with the error, to show them in emails.
    await eventually(() => expect(recorder.json<ErrorRecordedV1>().find((event) => event.accountId === accountId && event.data.flowStepId === 'step-v2')?.data).toMatchObject(names));
  });
});

describe('the errors list API', () => {
  let accountId: string;

  beforeAll(async () => {
    accountId = await newAccount();
    const at = (second: number) => new Date(Date.UTC(2026, 10, 1, 12, 0, second)).toISOString();
    await publish(
      ...[0, 1, 2, 3, 4].map((second) => errorOccurred({ accountId, occurredAt: at(second), data: { flowId: 'flow-a' } })),
      ...[5, 6].map((second) => errorOccurred({ accountId, occurredAt: at(second), data: { flowId: 'flow-b', flowStepId: 'step-9' } })),
    );
    await eventually(async () => expect((await listed(accountId, `limit=100`)).items).toHaveLength(7));
  });

  it('filters by integration, flow and step together', async () => {
    expect((await listed(accountId, `flowId=flow-a`)).items).toHaveLength(5);
    expect((await listed(accountId, `flowId=flow-b&flowStepId=step-9`)).items).toHaveLength(2);
    expect((await listed(accountId, `flowId=flow-a&flowStepId=step-9`)).items).toHaveLength(0);
    expect((await listed(accountId, `integrationId=int-other`)).items).toHaveLength(0);
  });

  it('walks every error once, newest first, page by page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ErrorsPage = await listed(accountId, `limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.occurredAt));
      cursor = page.nextCursor;
    } while (cursor);

    expect(seen).toHaveLength(7);
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('answers a bad request with problem+json naming the field at fault', async () => {
    const badLimit = await get('/errors?limit=0', accountId);
    expect(badLimit.status).toBe(400);
    expect(badLimit.contentType).toMatch(/^application\/problem\+json/);
    expect(badLimit.body.errors).toEqual([{ pointer: '/query/limit', detail: expect.any(String) }]);

    const badCursor = await get('/errors?cursor=nonsense', accountId);
    expect(badCursor.body.errors[0].pointer).toBe('/query/cursor');

    const unknownFilter = await get('/errors?colour=red', accountId);
    expect(unknownFilter.body.errors[0].pointer).toBe('/query/colour');

    const badId = await get('/errors/not-a-uuid', accountId);
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].pointer).toBe('/params/errorId');
  });

  it('answers an unknown error with a 404 problem', async () => {
    const missing = await get(`/errors/${randomUUID()}`, accountId);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, title: 'Not Found' });
    expect(JSON.stringify(missing.body)).not.toMatch(/at .*\.ts/);
  });

  it('shows a member only the integrations they can view, and refuses the others with 403', async () => {
    const member = invitationAccepted(accountId, { role: 'member', access: { 'int-1': 'monitor' } });
    await kafka.publish(Topics.identityEvents, [{ key: accountId, value: member }]);
    const token = signAccessToken({ userId: member.data.userId, accountId, role: 'member' }, TEST_JWT_SECRET, 600);
    await publish(errorOccurred({ accountId, data: { integrationId: 'int-2', flowId: 'flow-a' } }));
    await eventually(async () => expect((await listed(accountId, 'integrationId=int-2')).items).toHaveLength(1));

    const visible = await eventually(async () => {
      const response = await get('/errors?limit=100', accountId, token);
      expect(response.status).toBe(200);
      return response.body as ErrorsPage;
    });
    expect(new Set(visible.items.map((item) => item.integrationId))).toEqual(new Set(['int-1']));
    const refused = await get('/errors?integrationId=int-2', accountId, token);
    expect(refused).toMatchObject({ status: 403, body: { code: 'NO_ACCESS_TO_INTEGRATION' } });
    const hidden = (await listed(accountId, 'integrationId=int-2')).items[0];
    expect((await get(`/errors/${hidden.errorId}`, accountId, token)).status).toBe(404);
  });

  it('refuses a request without a valid access token with 401', async () => {
    expect((await get('/errors', undefined, '')).status).toBe(401);
    expect((await get('/errors', undefined, 'not-a-token')).status).toBe(401);
    // A valid token of a user nobody knows, issued long enough ago that it is not a newcomer's.
    const stranger = signAccessToken({ userId: randomUUID(), accountId, role: 'owner', issuedAt: new Date(Date.now() - 120_000) }, TEST_JWT_SECRET, 600);
    expect((await get('/errors', undefined, stranger)).status).toBe(401);
  });

  it('reports database and Kafka health', async () => {
    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(health.body.details).toMatchObject({ database: { status: 'up' }, kafka: { status: 'up' } });
  });
});

describe('flows', () => {
  it('a flow that never reported anything is not found, nor one asked for under another integration', async () => {
    const accountId = await newAccount();
    await publish(errorOccurred({ accountId }));
    await eventually(async () => expect((await get('/integrations/int-1/flows/flow-1', accountId)).status).toBe(200));
    expect(await get('/integrations/int-1/flows/never-reported', accountId)).toMatchObject({ status: 404, body: { status: 404 } });
    expect((await get('/integrations/int-2/flows/flow-1', accountId)).status).toBe(404);
  });
});
