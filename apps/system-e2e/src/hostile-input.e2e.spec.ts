import { deadLetterTopic, Topics } from '@faultline/contracts';
import { errorOccurred, eventually, IdentityApiClient, KafkaTestClient, TEST_INTERNAL_API_KEY, uniqueTopicPrefix } from '@faultline/testing';
import fc from 'fast-check';
import { RunningSystem, SERVICES, SystemService } from '@faultline/local-infra';

interface Operation {
  service: SystemService;
  method: string;
  path: string;
  query: string[];
  hasBody: boolean;
}

/** Strings as a hostile client sends them: NUL, lone surrogates, any UTF-16 code unit, values that mean something. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '', ' ', '-1', '1e309', 'me', 'unassigned', '00000000-0000-0000-0000-000000000000'),
);
/** Stands for a megabyte of text in a body, spelled out only when sent (so a failure report stays readable). */
const MEGABYTE = '<megabyte>';
const spelledOut = (body: string): string => body.replaceAll(MEGABYTE, 'm'.repeat(1_000_000));

/** Percent-encoding that sends a lone surrogate as the bytes of one (invalid UTF-8), as a raw client could. */
const encodePathValue = (text: string): string =>
  Array.from(text, (character) => (/^[\uD800-\uDFFF]$/.test(character) ? '%ED%A0%80' : encodeURIComponent(character))).join('');

const nestedJson = (depth: number): string => `${'['.repeat(depth)}0${']'.repeat(depth)}`;

/** Bodies as raw JSON text: any JSON with hostile strings, nesting far past any bound, or not JSON at all. */
const hostileBody = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.dictionary(hostileText, fc.oneof(hostileText, fc.constant(MEGABYTE), fc.integer(), fc.array(hostileText, { maxLength: 3 })), { maxKeys: 4 }).map((value) => JSON.stringify(value)),
  fc.constantFrom(nestedJson(5_000), '{"errorIds":[' + '"x",'.repeat(2_000) + '"x"]}', '{"a":', 'null', '"\\u0000"', '{"name":"\\ud800"}'),
);

/** Every operation of the four OpenAPI documents. */
async function operations(system: RunningSystem): Promise<Operation[]> {
  const found: Operation[] = [];
  for (const service of SERVICES) {
    const document = (await (await fetch(`${system.url(service)}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string }>; requestBody?: unknown }>>;
    };
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
        found.push({ service, method: method.toUpperCase(), path, query, hasBody: operation.requestBody !== undefined || ['POST', 'PUT', 'PATCH'].includes(method.toUpperCase()) });
      }
    }
  }
  return found;
}

/**
 * Every route of every service, fed what an attacker with an account would send: never a 5xx,
 * and every consumer still running afterwards. Then runtime reports of every hostile shape on
 * flow.errors.v1: ingest goes on.
 */
describe('hostile input at every edge', () => {
  const topicPrefix = uniqueTopicPrefix();
  const kafka = new KafkaTestClient(topicPrefix);
  let system: RunningSystem;
  let token: string;
  let accountId: string;

  beforeAll(async () => {
    system = await RunningSystem.start(topicPrefix);
    ({ accountId, ownerToken: token } = await new IdentityApiClient(system.url('identity')).createAccount('standard'));
    // Each service knows the account before the attack starts, so requests reach their handlers.
    await eventually(async () => {
      for (const service of ['errors', 'assignment', 'notifications'] as const) {
        const answer = await fetch(`${system.url(service)}/health`);
        expect(answer.status).toBe(200);
      }
      expect((await fetch(`${system.url('errors')}/errors`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    });
  });

  afterAll(async () => {
    await kafka.close();
    await system?.stop();
  });

  it('no HTTP request on any route is answered with a 5xx', async () => {
    const known = await operations(system);
    expect(known.length).toBeGreaterThan(40);
    const queryNames = [...new Set(known.flatMap((operation) => operation.query)), 'unknown'];
    const request = fc.record({
      operation: fc.constantFrom(...known),
      pathValues: fc.array(hostileText, { minLength: 4, maxLength: 4 }),
      queryValues: fc.dictionary(fc.constantFrom(...queryNames), hostileText, { maxKeys: 3 }),
      body: hostileBody,
      internalKey: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ operation, pathValues, queryValues, body, internalKey }) => {
        let index = 0;
        const path = operation.path.replace(/\{[^}]+\}/g, () => encodePathValue(pathValues[index++ % pathValues.length]));
        const query = new URLSearchParams(Object.entries(queryValues));
        const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
        if (internalKey) headers['x-internal-api-key'] = TEST_INTERNAL_API_KEY;
        const response = await fetch(`${system.url(operation.service)}${path}?${query}`, {
          method: operation.method,
          headers,
          body: operation.hasBody && operation.method !== 'GET' ? spelledOut(body) : undefined,
        });
        const text = await response.text();
        if (response.status >= 500) throw new Error(`${operation.method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
        expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
      }),
      { numRuns: 400, endOnFailure: true },
    );
  });

  it('no runtime report, however malformed, stops ingest or fails its handler', async () => {
    const data = fc.record(
      {
        message: hostileText,
        code: hostileText,
        traceKey: hostileText,
        retryDataKey: hostileText,
        retryData: fc.oneof(fc.jsonValue(), fc.dictionary(hostileText, hostileText, { maxKeys: 3 })),
        httpStatus: fc.integer({ min: -1, max: 700 }),
        severityCode: fc.constantFrom(4000, 6000, 0),
      },
      { requiredKeys: [] },
    );
    const report = fc.record({ data, accountId: fc.oneof(fc.constant(accountId), hostileText), step: fc.constantFrom('step-1', 'step-2', '\u0000') });
    const reports = fc.sample(report, 150).map(({ data: overrides, accountId: account, step }) =>
      JSON.stringify(errorOccurred({ accountId: account, data: { flowStepId: step, ...overrides } as never })),
    );
    const deadLetters = await kafka.record(deadLetterTopic(Topics.flowErrors));
    await kafka.publish(Topics.flowErrors, [...reports, nestedJson(5_000), '{"type":"ErrorOccurred"', 'x'.repeat(900_000)].map((value) => ({ key: 'step-1', value })));
    const sentinel = errorOccurred({ accountId, data: { message: 'after the storm', flowStepId: 'step-1' } });
    await kafka.publish(Topics.flowErrors, [{ key: 'step-1', value: sentinel }]);

    await eventually(async () => {
      const response = await fetch(`${system.url('errors')}/errors?q=${encodeURIComponent('after the storm')}`, { headers: { authorization: `Bearer ${token}` } });
      expect(((await response.json()) as { total: number }).total).toBe(1);
    }, 60_000);
    for (const service of SERVICES) expect((await fetch(`${system.url(service)}/health`)).status).toBe(200);
    // Dead-lettered after everything before it on the same partition, so once it is read, all of theirs are.
    await kafka.publish(Topics.flowErrors, [{ key: 'step-1', value: 'end of the storm' }]);
    await eventually(() => expect(deadLetters.messages.map((message) => message.value)).toContain('end of the storm'), 30_000);
    // Refused by the contract is fine; a report the handler failed on was one the repair should have made storable.
    expect(deadLetters.messages.map((message) => message.headers['dlq-reason']).filter((reason) => reason.startsWith('HANDLER_FAILED'))).toEqual([]);
  });
});
