/**
 * `npm run bench`: how fast the errors service (built, in its own process, as `npm start` runs
 * it) turns reported failures into recorded, listed and published errors, against the machine's
 * floor measured in the same run (tools/bench-floor.ts); its peak memory and CPU per 1,000
 * errors, and those of the apps that consume its events as they catch up; how long a report
 * takes to become visible at a steady 1,000/s and 5,000/s; and how fast the list answers at that
 * size with assignee and tag filters. Prints figures; docs/benchmarks.md keeps them with the
 * machine and date.
 *
 *   npm run bench -- --errors 100000 [--chunk 1000]
 *
 * `--chunk`: reports per request to the broker, for the service and the floor alike. The
 * embedded broker answers a fetch with one such request's messages per partition, so it sets the
 * consumer's batch size (real Kafka answers with up to 1 MiB a partition).
 */
import { signAccessToken } from '@faultline/access';
import { accountCreated, errorOccurred } from '@faultline/testing';
import { ErrorAssignedV1, ErrorOccurredV1, Topics } from '@faultline/contracts';
import { notYetRelayed } from '@faultline/eventing';
import { consumerGroupId } from '@faultline/platform';
import { buildServices, freePort, spawnInfrastructure, startServiceProcess } from '@faultline/local-infra';
import { Admin, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { loadErrorsConfig } from '../apps/errors/src/errors.config';
import { DownstreamApps } from './bench-downstream';
import { ingestFloor } from './bench-floor';
import { MachineCpu, ResourceSampler } from './bench-resources';
import { backlogAtMost, BENCH_JWT_SECRET, benchEnvironment, machineLine, percentile } from './bench-support';
import { wholeNumberOption } from './command-line';

/** Reports published but not yet recorded, at most: the embedded broker keeps only 5 MiB per partition. */
const MAX_BACKLOG = 10_000;
const ASSIGNEES = 10;
const TAGGED_SHARE = 2; // every 2nd error is tagged
const LIST_QUERIES = 200;
const STEADY = [
  { perSecond: 1_000, seconds: 20 },
  // Faster than the service records: kept short, as the embedded broker holds only 5 MiB per partition.
  { perSecond: 5_000, seconds: 3 },
];
const count = wholeNumberOption('--errors', 20_000);
const CHUNK = wholeNumberOption('--chunk', 1_000);
/**
 * `--recurring P`: P in every 100 reports of the ingest (at most 40) are a record failing again,
 * the same step and trace key as the report 960 earlier, so they count an occurrence instead of
 * recording an error. 960 is a multiple of 320, after which integration (of 5), flow (of 20) and
 * step (of 64) repeat; and that earlier report sits 40 later in its hundred, so it is never a
 * recurrence itself.
 */
const RECURRING = wholeNumberOption('--recurring', 0, 0, 40);
const RECURRENCE_DISTANCE = 960;
const recurs = (index: number) => index >= RECURRENCE_DISTANCE && index % 100 < RECURRING;
/** The errors the ingest's reports record: the reports less the recurrences. */
let distinctErrors = count;
for (let index = RECURRENCE_DISTANCE; index < count; index++) if (recurs(index)) distinctErrors--;
/** `--profile`: the statements the ingest spent its database time in, and a CPU profile of the service's start-up and ingest (in .data/profiles/). */
const profile = process.argv.includes('--profile');
const PROFILE_DIR = path.resolve(__dirname, '..', '.data', 'profiles');

const created = accountCreated();
const accountId = created.data.accountId;

function report(index: number, runId = `run-${index}`): ErrorOccurredV1 {
  return errorOccurred({
    accountId,
    occurredAt: new Date().toISOString(),
    data: {
      integrationId: `int-${index % 5}`,
      flowId: `flow-${index % 20}`,
      flowStepId: `step-${index % 64}`,
      runId,
      message: `Record ${index} failed validation: email is required`,
      httpStatus: 422,
      retryDataKey: `record-${index}`,
      traceKey: `record-${index}`,
    },
  });
}

async function waitFor(client: Client, sql: string, target: number, timeoutMs = 300_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { rows } = await client.query(sql);
    if (Number(rows[0].count) >= target) return (Date.now() - started) / 1000;
    if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs / 1000} s for ${target} rows of: ${sql} (${rows[0].count} so far)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const message = (index: number, runId?: string) => {
  const value = report(index, runId);
  return { key: value.data.flowStepId, value: JSON.stringify(value) };
};
const ingestMessage = (index: number) => (recurs(index) ? message(index - RECURRENCE_DISTANCE, `run-${index}`) : message(index));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The errors service's consumption of the runtime's reports, as its consumer group has committed it. */
interface ReportsConsumption {
  admin: Admin;
  groupId: string;
}

async function ingest(client: Client, producer: Producer, { admin, groupId }: ReportsConsumption): Promise<{ publishSeconds: number; recordedSeconds: number; publishedSeconds: number }> {
  const started = Date.now();
  for (let start = 0; start < count; start += CHUNK) {
    await backlogAtMost(admin, groupId, Topics.flowErrors, MAX_BACKLOG);
    const messages = Array.from({ length: Math.min(CHUNK, count - start) }, (_, offset) => ingestMessage(start + offset));
    await producer.send({ topic: Topics.flowErrors, acks: -1, messages });
  }
  const publishSeconds = (Date.now() - started) / 1000;
  // A batch's offsets are committed after its transaction: once all are, every error is listed (checked).
  await backlogAtMost(admin, groupId, Topics.flowErrors, 0);
  await waitFor(client, 'SELECT count(*) FROM errors_list', distinctErrors);
  const recordedSeconds = (Date.now() - started) / 1000;
  await waitFor(client, `SELECT count(*) FROM event_store e WHERE e.event_type = 'ErrorRecorded' AND NOT ${notYetRelayed('e')}`, distinctErrors);
  const publishedSeconds = (Date.now() - started) / 1000;
  return { publishSeconds, recordedSeconds, publishedSeconds };
}

/**
 * Publish (stamped as occurredAt just before sending) → recorded in the transaction that lists
 * it, for reports published at a steady rate in 100 ms ticks onto an idle service.
 */
async function steadyLatencies(client: Client, producer: Producer, perSecond: number, seconds: number, firstIndex: number): Promise<number[]> {
  const prefix = `steady-${perSecond}-`;
  const perTick = perSecond / 10;
  const started = Date.now();
  for (let tick = 0; tick < seconds * 10; tick++) {
    await sleep(started + tick * 100 - Date.now());
    const messages = Array.from({ length: perTick }, (_, offset) => {
      const index = firstIndex + tick * perTick + offset;
      return message(index, `${prefix}${index}`);
    });
    await producer.send({ topic: Topics.flowErrors, acks: -1, messages });
  }
  const sent = perSecond * seconds;
  await waitFor(client, `SELECT count(*) FROM errors_list WHERE run_id LIKE '${prefix}%'`, sent);
  const { rows } = await client.query<{ ms: number }>(
    `SELECT (extract(epoch FROM recorded_at - occurred_at) * 1000)::float8 AS ms FROM errors_list WHERE run_id LIKE $1 ORDER BY 1`,
    [`${prefix}%`],
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

/**
 * The ingest's statements by total time, as pg_stat_statements counted them. A multi-row insert
 * is one statement per row count there: they are summed under one shape (`VALUES (…)`).
 */
async function statementsProfile(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ total: number; calls: string; mean: number; query: string }>(
    `SELECT sum(total_exec_time)::float8 AS total, sum(calls)::text AS calls, (sum(total_exec_time) / sum(calls))::float8 AS mean, shape AS query
       FROM (SELECT total_exec_time, calls,
                    left(regexp_replace(regexp_replace(regexp_replace(query, '\\s+', ' ', 'g'), '\\$[0-9]+', '$', 'g'), '(\\([^()]*\\), )+\\([^()]*\\)', '(…)', 'g'), 160) AS shape
               FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())) statements
      GROUP BY shape ORDER BY total DESC LIMIT 15`,
  );
  return ['database time during ingest, by statement (pg_stat_statements):', ...rows.map((row) => `  ${row.total.toFixed(0).padStart(7)} ms  ${row.calls.padStart(6)} calls  ${row.mean.toFixed(2).padStart(7)} ms each  ${row.query}`)];
}

/** Names the part a process plays in this run, for the machine's CPU figures. */
const partOfTheRun =
  (servicePid: number | undefined) =>
  (pid: number, commandLine: string): string => {
    if (pid === servicePid) return 'errors service';
    if (pid === process.pid) return 'runtime (this bench)';
    if (commandLine.includes('postgres')) return 'PostgreSQL';
    if (commandLine.includes('mock-cluster')) return 'Kafka broker';
    if (commandLine.includes('local-infra')) return 'infrastructure supervisor';
    return 'other';
  };

async function main(): Promise<void> {
  const infrastructure = await spawnInfrastructure();
  buildServices((line) => process.stdout.write(`${line}\n`));
  // A free port: a fixed one could be answered by a service an earlier, interrupted run left behind.
  const httpPort = await freePort();
  const env = benchEnvironment(infrastructure, { ERRORS_HTTP_PORT: String(httpPort) });
  const errorsConfig = loadErrorsConfig(env);
  const kafka = new Kafka({ brokers: [infrastructure.kafkaBrokers], logLevel: logLevel.ERROR });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const floorSeconds = await ingestFloor({ kafka, producer, chunk: CHUNK, databaseUrl: infrastructure.databaseUrl, count, maxBacklog: MAX_BACKLOG, message: ingestMessage, kafkaIsMock: infrastructure.kafkaIsMock });

  // `--node-option=--max-old-space-size=160` (repeatable) tries the service under other V8 settings.
  const asked = process.argv.filter((arg) => arg.startsWith('--node-option=')).map((arg) => arg.slice('--node-option='.length));
  const admin = kafka.admin();
  await admin.connect();
  const startService = async (nodeOptions: string[]) => {
    const service = startServiceProcess('errors', { env: { ...process.env, ...env }, httpPort, runtime: 'built', nodeOptions });
    await service.healthy();
    return service;
  };
  // The profile covers start-up and the ingest only: the service is then started again without it.
  let app = await startService([...asked, ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])]);
  const client = new Client({ connectionString: errorsConfig.service.databaseUrl });
  await client.connect();
  if (profile) await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()');
  await producer.send({ topic: Topics.identityEvents, messages: [{ key: accountId, value: JSON.stringify(created) }] });
  await waitFor(client, 'SELECT count(*) FROM access_users', 1);
  const downstream = new DownstreamApps({ env, nodeOptions: asked, admin });
  await downstream.measureStartUp();
  const token = signAccessToken({ userId: created.data.ownerUserId, accountId, role: 'owner' }, BENCH_JWT_SECRET, 3_600);

  const print = (line: string) => process.stdout.write(`${line}\n`);
  const rate = (seconds: number) => Math.round(count / seconds).toLocaleString('en');
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const p = (timings: number[]) => `p50 ${ms(percentile(timings, 50))}, p95 ${ms(percentile(timings, 95))}`;
  print(machineLine());
  print(`kafka: ${infrastructure.kafkaIsMock ? 'embedded mock broker' : 'real broker'}; errors: ${count.toLocaleString('en')}${RECURRING ? ` (${RECURRING} in 100 recurrences: ${distinctErrors.toLocaleString('en')} distinct)` : ''}`);
  print(`floor (kafkajs, 4 partitions at once, one INSERT per batch into a plain table): ${floorSeconds.toFixed(2)} s (${rate(floorSeconds)} reports/s)`);

  const resources = new ResourceSampler(app);
  const machineCpu = new MachineCpu(partOfTheRun(app.child.pid));
  await resources.start();
  machineCpu.start();
  const { publishSeconds, recordedSeconds, publishedSeconds } = await ingest(client, producer, { admin, groupId: consumerGroupId(errorsConfig.service) });
  const machineCpuSeconds = machineCpu.stop();
  const { peakRssMb, peakHeapMb, cpuSeconds } = await resources.stop();
  print(`runtime published them to flow.errors.v1 in ${publishSeconds.toFixed(2)} s, keeping at most ${MAX_BACKLOG.toLocaleString('en')} unconsumed`);
  print(`all recorded and listed ${recordedSeconds.toFixed(2)} s after the first was published (${rate(recordedSeconds)} errors/s: ${(floorSeconds / recordedSeconds).toFixed(2)} of the floor)`);
  print(`all ErrorRecorded published by the event store relay after ${publishedSeconds.toFixed(2)} s (${rate(publishedSeconds)} events/s)`);
  print(`errors service (built, own process) during ingest: peak RSS ${peakRssMb} MB (JavaScript heap in use at most ${peakHeapMb} MB), ${((cpuSeconds / count) * 1_000).toFixed(3)} CPU s per 1,000 errors`);
  if (machineCpuSeconds.length > 0) print(`the machine's CPU until all were published, in CPU s per 1,000 errors: ${machineCpuSeconds.map(([part, seconds]) => `${part} ${((seconds / count) * 1_000).toFixed(3)}`).join(', ')}`);
  if (profile) {
    for (const line of await statementsProfile(client)) print(line);
    await app.stop();
    app = await startService(asked);
    print(`CPU profile of the service's start-up and ingest written to ${PROFILE_DIR}`);
  }
  for (const consumer of await downstream.catchUp()) {
    print(`${consumer.service} service (built, own process), started after the ingest, caught up on ${consumer.copied.toLocaleString('en')} ErrorRecorded ${consumer.seconds.toFixed(2)} s after its start: peak RSS ${consumer.peakRssMb} MB (JavaScript heap in use at most ${consumer.peakHeapMb} MB), ${((consumer.cpuSeconds / consumer.copied) * 1_000).toFixed(3)} CPU s per 1,000 errors beyond its start-up`);
  }
  let listed = distinctErrors;
  for (const [phase, { perSecond, seconds }] of STEADY.entries()) {
    const latencies = await steadyLatencies(client, producer, perSecond, seconds, count + phase * 1_000_000);
    listed += latencies.length;
    print(`publish → visible at a steady ${perSecond.toLocaleString('en')}/s for ${seconds} s: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies[latencies.length - 1] ?? NaN)}`);
  }
  const tagIds = await assignAndTag(client, producer, app.baseUrl, token);
  print(`list at ${listed.toLocaleString('en')} errors (2/3 assigned to ${ASSIGNEES} users, 1/2 tagged), ${LIST_QUERIES} HTTP requests each, with total count:`);
  print(`  assignee + tags (any of 2): ${p(await listTimings(app.baseUrl, token, (index) => `assignee=usr-${index % ASSIGNEES}&tags=${tagIds[0]},${tagIds[1]}&limit=50`))}`);
  print(`  open + assignee + tags (all of 2): ${p(await listTimings(app.baseUrl, token, (index) => `status=open&tags=${tagIds[index % 4]},${tagIds[(index + 1) % 4]}&tagsMatch=all&assignee=usr-${index % ASSIGNEES}`))}`);
  print(`  unassigned in one integration: ${p(await listTimings(app.baseUrl, token, (index) => `assignee=unassigned&integrationId=int-${index % 5}`))}`);
  await producer.disconnect();
  await admin.disconnect();
  await client.end();
  await app.stop();
  await infrastructure.stop();
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
