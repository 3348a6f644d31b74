import { Topics } from '@faultline/contracts';
import { errorOccurred, eventually, TEST_INTERNAL_API_KEY, TopicRecorder } from '@faultline/testing';
import { ErrorsHarness } from '../../test-support/errors-harness';
import { KEPT_TEXT_LENGTH } from './report-repair';

let harness: ErrorsHarness;
let accountId: string;
let token: string;
let deadLetters: TopicRecorder;

beforeAll(async () => {
  harness = await ErrorsHarness.start();
  ({ accountId, ownerToken: token } = await harness.newAccount());
  deadLetters = await harness.kafka.record(`${Topics.flowErrors}.dlq`);
});

afterAll(async () => {
  await harness?.close();
});

/** JSON text of arrays nested `depth` deep: written out, since JSON.stringify runs out of stack on it. */
const nestedJson = (depth: number): string => `${'['.repeat(depth)}"bottom"${']'.repeat(depth)}`;

/** A value as JSON with one field's value spliced in as raw JSON text. */
const withRawField = (value: object, field: string, rawJson: string): string =>
  JSON.stringify(value).replace(`"${field}":"RAW"`, `"${field}":${rawJson}`);

async function recorded(runId: string) {
  const page = await eventually(async () => {
    const found = await harness.list(token, 'limit=100');
    const item = found.items.find((candidate) => candidate.runId === runId);
    if (!item) throw new Error(`run ${runId} is not listed yet`);
    return item;
  });
  const details = await harness.request('GET', `/errors/${page.errorId}`, token);
  return { item: page, details: details.body };
}

describe('what a hostile runtime sends never stops ingest', () => {
  it('records a report with a NUL byte (as U+FFFD, noted on the error) and the next report on the same partition', async () => {
    const poisoned = errorOccurred({ accountId, data: { message: 'NUL\u0000inside', code: 'lone \ud800' } });
    const next = errorOccurred({ accountId, data: { message: 'the next one' } });
    await harness.publishReports(poisoned, next);

    const { item, details } = await recorded(poisoned.data.runId);
    expect(item.message).toBe('NUL\uFFFDinside');
    expect(item.code).toBe('lone \uFFFD');
    expect(details.history[0].details.inputRepairs).toEqual([
      '/data/message, /data/code: characters PostgreSQL cannot store (NUL, lone surrogates) replaced with U+FFFD',
    ]);
    expect((await recorded(next.data.runId)).item.message).toBe('the next one');
  });

  it('records a report whose retry data has a key PostgreSQL cannot store, naming the key as repaired', async () => {
    const poisoned = errorOccurred({ accountId, data: { retryData: { ['order\ud800']: 'lone \udc00', ['id\u0000']: 7 } } });
    await harness.publishReports(poisoned);

    const { details } = await recorded(poisoned.data.runId);
    expect(details.retryData).toEqual({ ['order\uFFFD']: 'lone \uFFFD', ['id\uFFFD']: 7 });
    expect(details.history[0].details.inputRepairs).toEqual([
      '/data/retryData/order\uFFFD, /data/retryData/id\uFFFD: characters PostgreSQL cannot store (NUL, lone surrogates) replaced with U+FFFD',
    ]);
  });

  it('keeps retry data nested 5,000 deep as its JSON text, cut, and says so', async () => {
    const deep = errorOccurred({ accountId, data: { retryData: 'RAW', responseBody: { ok: true } } });
    await harness.publishReports(withRawField(deep, 'retryData', nestedJson(5_000)));
    const { details } = await recorded(deep.data.runId);
    expect(details.retryData).toBe(nestedJson(5_000).slice(0, KEPT_TEXT_LENGTH));
    expect(details.history[0].details.inputRepairs).toEqual([
      `/data/retryData: nested deeper than 64 levels; kept as its JSON text, cut to ${KEPT_TEXT_LENGTH} characters`,
    ]);
  });

  it('dead-letters a report of an account nobody announced, and records it when replayed once the account exists', async () => {
    const stranger = errorOccurred({ accountId: 'acc-not-yet', data: { message: 'too early' } });
    await harness.publishReports(stranger);
    const [letter] = await eventually(() => {
      const found = deadLetters.messages.filter((message) => message.value.includes('too early'));
      expect(found).toHaveLength(1);
      return found;
    });
    expect(letter.headers['dlq-reason']).toBe('UNKNOWN_ACCOUNT: account acc-not-yet is not known to Faultline');

    const { accountId: laterAccount, ownerToken } = await harness.newAccount();
    const replayed = { ...stranger, accountId: laterAccount };
    await harness.publishReports(replayed);
    await eventually(async () => expect((await harness.list(ownerToken)).items.map((entry) => entry.message)).toEqual(['too early']));
  });

  it('repairs a report sent over HTTP the same way instead of failing', async () => {
    const report = errorOccurred({ accountId, data: { message: 'over HTTP\u0000' } });
    const response = await fetch(`${harness.baseUrl}/internal/flow-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-internal-api-key': TEST_INTERNAL_API_KEY },
      body: JSON.stringify(report),
    });
    expect(response.status).toBe(202);
    expect((await recorded(report.data.runId)).item.message).toBe('over HTTP\uFFFD');
  });
});

describe('HTTP input PostgreSQL cannot store is refused with the field at fault', () => {
  it.each([
    ['a NUL in a query filter', 'GET', '/errors?q=a%00b', undefined, '/query/q'],
    ['a NUL in a path id', 'GET', '/errors/abc%00def', undefined, '/params/errorId'],
    ['a lone surrogate in a tag name', 'POST', '/tags', { name: 'bad \ud800', color: '#ff0000' }, '/body/name'],
    ['a NUL in an object key', 'POST', '/tags', { name: 'fine', color: '#ff0000', 'k\u0000': 1 }, '/body/k\u0000'],
  ])('%s', async (_label, method, path, body, pointer) => {
    const answer = await harness.request(method, path, token, body);
    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body.errors).toEqual([{ pointer, detail: 'holds a character that cannot be stored (NUL or a lone UTF-16 surrogate)' }]);
  });

  it('refuses a body nested deeper than 64 levels', async () => {
    const some = (await harness.list(token)).items[0];
    const response = await fetch(`${harness.baseUrl}/errors/${some.errorId}/retry-data`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: withRawField({ retryData: 'RAW' }, 'retryData', nestedJson(5_000)),
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: Array<{ pointer: string; detail: string }> };
    expect(problem.errors).toEqual([{ pointer: `/body/retryData${'/0'.repeat(63)}`, detail: 'nests deeper than 64 levels' }]);
  });
});

describe('readiness', () => {
  it('fails, naming the consumer, once the consumer stops', async () => {
    expect((await harness.request('GET', '/health')).status).toBe(200);
    await Promise.all(harness.app.getMicroservices().map((service) => service.close()));
    const answer = await harness.request('GET', '/health');
    expect(answer.status).toBe(503);
    expect(answer.body.error.consumer).toMatchObject({ status: 'down', state: 'stopped', problems: ['consumer is stopped'] });
  });
});
