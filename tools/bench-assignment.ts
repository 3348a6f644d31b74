/**
 * `npm run bench:assignment`: bulk assignment through the assignment app — 10 requests of 1,000
 * errors, each error sharing its retry data key with another open error of its step, so every
 * request also cascades over 1,000 more. Prints the time to persist the assignments and the
 * time until the errors app's list shows every assignee. Figures go to docs/benchmarks.md.
 */
import { signAccessToken } from '@faultline/access';
import { Topics } from '@faultline/contracts';
import { spawnInfrastructure } from '@faultline/local-infra';
import { loadServiceConfig } from '@faultline/platform';
import { accountCreated, errorOccurred, invitationAccepted } from '@faultline/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Client } from 'pg';
import { startAssignmentApp } from '../apps/assignment/src/assignment.app';
import { startErrorsApp } from '../apps/errors/src/errors.app';
import { loadErrorsConfig } from '../apps/errors/src/errors.config';
import { BENCH_JWT_SECRET, benchEnvironment, machineLine } from './bench-support';

const REQUESTS = 10;
const PER_REQUEST = 1_000;

async function waitFor(client: Client, sql: string, target: number, params: unknown[] = []): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { rows } = await client.query(sql, params);
    if (Number(rows[0].count) >= target) return (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const infrastructure = await spawnInfrastructure();
  const env = benchEnvironment(infrastructure);
  const errorsConfig = loadErrorsConfig(env);
  const errorsApp = await startErrorsApp(errorsConfig, { logLevels: ['error', 'fatal'] });
  const assignmentApp = await startAssignmentApp(loadServiceConfig('assignment', env), { logLevels: ['error', 'fatal'] });
  const assignmentUrl = await assignmentApp.getUrl();
  const errorsDb = new Client({ connectionString: errorsConfig.service.databaseUrl });
  const assignmentDb = new Client({ connectionString: loadServiceConfig('assignment', env).databaseUrl });
  await Promise.all([errorsDb.connect(), assignmentDb.connect()]);
  const producer = new Kafka({ brokers: [infrastructure.kafkaBrokers], logLevel: logLevel.ERROR }).producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();

  const created = accountCreated();
  const { accountId, ownerUserId } = created.data;
  const assignee = invitationAccepted(accountId, { role: 'member', access: { 'int-1': 'monitor' } });
  await producer.send({ topic: Topics.identityEvents, messages: [created, assignee].map((value) => ({ key: accountId, value: JSON.stringify(value) })) });
  const total = REQUESTS * PER_REQUEST * 2;
  for (let start = 0; start < total; start += 1_000) {
    const messages = Array.from({ length: 1_000 }, (_, offset) => {
      const index = start + offset;
      // Pairs share step and retry data key: the second of each pair follows the first.
      const pair = index % (total / 2);
      const value = errorOccurred({ accountId, data: { flowStepId: `step-${pair % 64}`, retryDataKey: `record-${pair}`, runId: `run-${index}` } });
      return { key: value.data.flowStepId, value: JSON.stringify(value) };
    });
    await producer.send({ topic: Topics.flowErrors, acks: -1, messages });
    await waitFor(errorsDb, 'SELECT count(*) FROM errors_list', start - 5_000);
  }
  await waitFor(assignmentDb, 'SELECT count(*) FROM assignable_errors', total);
  const { rows } = await assignmentDb.query<{ error_id: string }>(
    "SELECT DISTINCT ON (retry_data_key) error_id FROM assignable_errors ORDER BY retry_data_key, occurred_at, error_id",
  );
  const firsts = rows.map((row) => row.error_id);
  const token = signAccessToken({ userId: ownerUserId, accountId, role: 'owner' }, BENCH_JWT_SECRET, 3_600);

  const started = Date.now();
  const requestMs: number[] = [];
  let cascaded = 0;
  for (let request = 0; request < REQUESTS; request++) {
    const sent = Date.now();
    const response = await fetch(`${assignmentUrl}/assignments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ errorIds: firsts.slice(request * PER_REQUEST, (request + 1) * PER_REQUEST), assigneeUserId: assignee.data.userId }),
    });
    if (!response.ok) throw new Error(`assignment answered ${response.status}: ${await response.text()}`);
    cascaded += ((await response.json()) as { cascaded: number }).cascaded;
    requestMs.push(Date.now() - sent);
  }
  const persistedSeconds = (Date.now() - started) / 1000;
  const visibleSeconds =
    persistedSeconds + (await waitFor(errorsDb, 'SELECT count(*) FROM errors_list WHERE assignee_id = $1', total, [assignee.data.userId]));

  await producer.disconnect();
  await Promise.all([errorsDb.end(), assignmentDb.end()]);
  await assignmentApp.close();
  await errorsApp.close();
  await infrastructure.stop();

  requestMs.sort((a, b) => a - b);
  const lines = [
    machineLine(),
    `kafka: ${infrastructure.kafkaIsMock ? 'embedded mock broker' : 'real broker'}`,
    `${REQUESTS} requests of ${PER_REQUEST.toLocaleString('en')} errors, cascading over ${cascaded.toLocaleString('en')} more by retry data key`,
    `persisted (events, local copy, outbox) in ${persistedSeconds.toFixed(2)} s; per request median ${requestMs[REQUESTS / 2]} ms, slowest ${requestMs[REQUESTS - 1]} ms`,
    `every ErrorAssigned visible in the errors list ${visibleSeconds.toFixed(2)} s after the first request`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
