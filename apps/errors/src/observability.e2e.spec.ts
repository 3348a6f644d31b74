import { Topics } from '@faultline/contracts';
import { errorOccurred, eventually, MetricsScrape, TopicRecorder } from '@faultline/testing';
import { DataSource } from 'typeorm';
import { ErrorsHarness } from './test-support/errors-harness';

/**
 * What an operator sees of a real ingest: `/metrics` moves, and work carries its correlation id;
 * and what the service asks of its database.
 */
let harness: ErrorsHarness;
let accountId: string;
let token: string;
let deadLetters: TopicRecorder;
let published: TopicRecorder;

beforeAll(async () => {
  harness = await ErrorsHarness.start();
  ({ accountId, ownerToken: token } = await harness.newAccount());
  deadLetters = await harness.kafka.record(`${Topics.flowErrors}.dlq`);
  published = await harness.kafka.record(Topics.errorsEvents);
});

afterAll(async () => {
  await harness?.close();
});

const recordedRun = (runId: string) =>
  eventually(async () => {
    const item = (await harness.list(token, 'limit=100')).items.find((candidate) => candidate.runId === runId);
    if (!item) throw new Error(`run ${runId} is not listed yet`);
    return item;
  });

it('counts what an ingest did: events appended, batches, dead letters, outbox, HTTP by route, and the process', async () => {
  const before = await MetricsScrape.of(harness.baseUrl);
  const report = errorOccurred({ accountId });
  await harness.publishReports(report, 'this is not JSON');
  await recordedRun(report.data.runId);
  await deadLetters.waitFor(1);
  await harness.request('GET', '/no-such-route', token);

  const after = await eventually(async () => {
    const scrape = await MetricsScrape.of(harness.baseUrl);
    expect(scrape.value('faultline_outbox_published_total', { topic: Topics.errorsEvents })).toBeGreaterThan(before.value('faultline_outbox_published_total', { topic: Topics.errorsEvents }));
    return scrape;
  });
  const moved = (name: string, labels: Record<string, string> = {}) => after.value(name, labels) - before.value(name, labels);
  expect(moved('faultline_events_appended_total', { type: 'ErrorRecorded' })).toBeGreaterThanOrEqual(1);
  expect(moved('faultline_consumer_batch_size_count', { topic: Topics.flowErrors })).toBeGreaterThanOrEqual(1);
  expect(moved('faultline_consumer_batch_size_sum', { topic: Topics.flowErrors })).toBeGreaterThanOrEqual(2);
  expect(moved('faultline_dead_lettered_messages_total', { topic: Topics.flowErrors, reason: 'INVALID_MESSAGE' })).toBe(1);
  expect(moved('faultline_http_request_duration_seconds_count', { method: 'GET', route: '/errors', status: '200' })).toBeGreaterThanOrEqual(1);
  expect(moved('faultline_http_request_duration_seconds_count', { route: 'unmatched', status: '404' })).toBe(1);
  expect(after.value('faultline_consumer_healthy', { service: 'errors' })).toBe(1);
  expect(after.has('faultline_consumer_lag_messages')).toBe(true);
  expect(after.has('faultline_outbox_oldest_waiting_seconds')).toBe(true);
  expect(after.value('process_resident_memory_bytes')).toBeGreaterThan(0);
  expect(after.value('process_cpu_seconds_total')).toBeGreaterThan(0);
});

it("a request's correlation id is answered and carried by the events it causes; without one, it gets its own", async () => {
  const report = errorOccurred({ accountId });
  await harness.publishReports(report);
  const { errorId } = await recordedRun(report.data.runId);

  const response = await fetch(`${harness.baseUrl}/errors/resolve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-correlation-id': 'triage-session-42' },
    body: JSON.stringify({ errorIds: [errorId] }),
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('x-correlation-id')).toBe('triage-session-42');
  await eventually(async () => {
    const resolved = published.json<{ type: string; correlationId: string; data: { errorId: string } }>().find((event) => event.type === 'ErrorResolved' && event.data.errorId === errorId);
    expect(resolved?.correlationId).toBe('triage-session-42');
  });

  const unnamed = await fetch(`${harness.baseUrl}/errors`, { headers: { authorization: `Bearer ${token}`, 'x-correlation-id': 'not a plain id, with spaces; and <markup>' } });
  expect(unnamed.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
});

it('plans no parallel workers on its database sessions: its statements are batches and pages', async () => {
  const dataSource = harness.app.get(DataSource);
  const sessions = await Promise.all([1, 2, 3].map(() => dataSource.query('SHOW max_parallel_workers_per_gather')));

  expect(sessions.flat()).toEqual([1, 2, 3].map(() => ({ max_parallel_workers_per_gather: '0' })));
});
