/**
 * `npm run bench`: how fast the errors service turns reported failures into recorded, listed
 * and published errors, how long each report takes to become visible, and how fast the list
 * answers at that size with assignee and tag filters. Prints figures; docs/benchmarks.md keeps
 * them with the machine and date.
 *
 *   npm run bench -- --errors 100000
 */
import { signAccessToken } from '@faultline/access';
import { accountCreated, errorOccurred } from '@faultline/testing';
import { ErrorAssignedV1, ErrorOccurredV1, Topics } from '@faultline/contracts';
import { spawnInfrastructure } from '@faultline/local-infra';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startErrorsApp } from '../apps/errors/src/errors.app';
import { loadErrorsConfig } from '../apps/errors/src/errors.config';
import { BENCH_JWT_SECRET, benchEnvironment, machineLine } from './bench-support';

/** Reports published but not yet recorded, at most: the embedded broker keeps only 5 MiB per partition. */
const MAX_BACKLOG = 10_000;
const ASSIGNEES = 10;
const TAGGED_SHARE = 2; // every 2nd error is tagged
const LIST_QUERIES = 200;
const count = Number(process.argv[process.argv.indexOf('--errors') + 1]) || 20_000;

const created = accountCreated();
const accountId = created.data.accountId;

function report(index: number): ErrorOccurredV1 {
  return errorOccurred({
    accountId,
    occurredAt: new Date().toISOString(),
    data: {
      integrationId: `int-${index % 5}`,
      flowId: `flow-${index % 20}`,
      flowStepId: `step-${index % 64}`,
      runId: `run-${index}`,
      message: `Record ${index} failed validation: email is required`,
      httpStatus: 422,
      retryDataKey: `record-${index}`,
      traceKey: `record-${index}`,
    },
  });
}

async function waitFor(client: Client, sql: string, target: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { rows } = await client.query(sql);
    if (Number(rows[0].count) >= target) return (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function ingest(client: Client, producer: Producer): Promise<{ publishSeconds: number; recordedSeconds: number; publishedSeconds: number }> {
  const started = Date.now();
  for (let start = 0; start < count; start += 1_000) {
    await waitFor(client, 'SELECT count(*) FROM errors_list', start - MAX_BACKLOG);
    const messages = Array.from({ length: Math.min(1_000, count - start) }, (_, offset) => {
      const value = report(start + offset);
      return { key: value.data.flowStepId, value: JSON.stringify(value) };
    });
    await producer.send({ topic: Topics.flowErrors, acks: -1, messages });
  }
  const publishSeconds = (Date.now() - started) / 1000;
  const recordedSeconds = publishSeconds + (await waitFor(client, 'SELECT count(*) FROM errors_list', count));
  const publishedSeconds = recordedSeconds + (await waitFor(client, "SELECT count(*) FROM outbox WHERE published_at IS NOT NULL AND value->>'type' = 'ErrorRecorded'", count));
  return { publishSeconds, recordedSeconds, publishedSeconds };
}

/** Publish (stamped as occurredAt just before sending) → recorded in the transaction that lists it. */
async function visibilityLatencies(client: Client): Promise<number[]> {
  const { rows } = await client.query<{ ms: number }>(
    'SELECT (extract(epoch FROM recorded_at - occurred_at) * 1000)::float8 AS ms FROM errors_list ORDER BY 1',
  );
  return rows.map((row) => row.ms);
}

/** Assignees through assignment.events.v1 and tags through the API, as in production. */
async function assignAndTag(client: Client, producer: Producer, baseUrl: string, token: string): Promise<string[]> {
  const { rows } = await client.query<{ error_id: string }>('SELECT error_id FROM errors_list ORDER BY occurred_at');
  const ids = rows.map((row) => row.error_id);
  let sent = 0;
  for (let start = 0; start < ids.length; start += 1_000) {
    await waitFor(client, 'SELECT count(*) FROM error_assignees', sent - MAX_BACKLOG);
    const messages = ids.slice(start, start + 1_000).flatMap((errorId, offset) => {
      if ((start + offset) % 3 === 0) return [];
      const assignee = `usr-${(start + offset) % ASSIGNEES}`;
      const event: ErrorAssignedV1 = {
        eventId: randomUUID(), type: 'ErrorAssigned', version: 1, occurredAt: new Date().toISOString(), accountId,
        aggregateId: errorId, aggregateVersion: 1, correlationId: randomUUID(), actor: { type: 'user', id: assignee },
        data: { assignmentId: randomUUID(), errorId, assigneeUserId: assignee, assignedBy: { type: 'user', id: assignee }, selfAssigned: true, cause: 'manual' },
      };
      return [{ key: errorId, value: JSON.stringify(event) }];
    });
    await producer.send({ topic: Topics.assignmentEvents, acks: -1, messages });
    sent += messages.length;
  }
  const tagIds: string[] = [];
  for (const name of ['billing', 'customer data', 'vendor down', 'needs mapping']) {
    const tag = (await api(baseUrl, token, 'POST', '/tags', { name, colour: '#336699' })) as { tagId: string };
    tagIds.push(tag.tagId);
  }
  const tagged = ids.filter((_, index) => index % TAGGED_SHARE === 0);
  for (let start = 0; start < tagged.length; start += 1_000) {
    const add = [tagIds[(start / 1_000) % tagIds.length], tagIds[(start / 1_000 + 1) % tagIds.length]];
    await api(baseUrl, token, 'POST', '/errors/tags', { errorIds: tagged.slice(start, start + 1_000), add });
  }
  await waitFor(client, 'SELECT count(*) FROM errors_list WHERE assignee_id IS NOT NULL', sent);
  return tagIds;
}

async function api(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function listTimings(baseUrl: string, token: string, query: (index: number) => string): Promise<number[]> {
  const timings: number[] = [];
  for (let index = 0; index < LIST_QUERIES; index++) {
    const started = performance.now();
    await api(baseUrl, token, 'GET', `/errors?${query(index)}`);
    timings.push(performance.now() - started);
  }
  return timings.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const infrastructure = await spawnInfrastructure();
  const errorsConfig = loadErrorsConfig(benchEnvironment(infrastructure));
  const app = await startErrorsApp(errorsConfig, { logLevels: ['error', 'fatal'] });
  const baseUrl = await app.getUrl();
  const client = new Client({ connectionString: errorsConfig.service.databaseUrl });
  await client.connect();
  const producer = new Kafka({ brokers: [infrastructure.kafkaBrokers], logLevel: logLevel.ERROR }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  await producer.send({ topic: Topics.identityEvents, messages: [{ key: accountId, value: JSON.stringify(created) }] });
  await waitFor(client, 'SELECT count(*) FROM access_users', 1);
  const token = signAccessToken({ userId: created.data.ownerUserId, accountId, role: 'owner' }, BENCH_JWT_SECRET, 3_600);

  const { publishSeconds, recordedSeconds, publishedSeconds } = await ingest(client, producer);
  const latencies = await visibilityLatencies(client);
  const tagIds = await assignAndTag(client, producer, baseUrl, token);
  const byAssigneeAndTags = await listTimings(baseUrl, token, (index) => `assignee=usr-${index % ASSIGNEES}&tags=${tagIds[0]},${tagIds[1]}&limit=50`);
  const allTagsOpen = await listTimings(baseUrl, token, (index) => `status=open&tags=${tagIds[index % 4]},${tagIds[(index + 1) % 4]}&tagsMatch=all&assignee=usr-${index % ASSIGNEES}`);
  const unassigned = await listTimings(baseUrl, token, (index) => `assignee=unassigned&integrationId=int-${index % 5}`);
  await producer.disconnect();
  await client.end();
  await app.close();
  await infrastructure.stop();

  const rate = (seconds: number) => Math.round(count / seconds).toLocaleString('en');
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const p = (timings: number[]) => `p50 ${ms(percentile(timings, 50))}, p95 ${ms(percentile(timings, 95))}`;
  const lines = [
    machineLine(),
    `kafka: ${infrastructure.kafkaIsMock ? 'embedded mock broker' : 'real broker'}; errors: ${count.toLocaleString('en')}`,
    `runtime published them to flow.errors.v1 in ${publishSeconds.toFixed(2)} s, keeping at most ${MAX_BACKLOG.toLocaleString('en')} unconsumed`,
    `all recorded and listed ${recordedSeconds.toFixed(2)} s after the first was published (${rate(recordedSeconds)} errors/s)`,
    `all ErrorRecorded published through the outbox after ${publishedSeconds.toFixed(2)} s (${rate(publishedSeconds)} events/s)`,
    `publish → visible in the list: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies[latencies.length - 1] ?? NaN)}`,
    `list at ${count.toLocaleString('en')} errors (2/3 assigned to ${ASSIGNEES} users, 1/2 tagged), ${LIST_QUERIES} HTTP requests each, with total count:`,
    `  assignee + tags (any of 2): ${p(byAssigneeAndTags)}`,
    `  open + assignee + tags (all of 2): ${p(allTagsOpen)}`,
    `  unassigned in one integration: ${p(unassigned)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
