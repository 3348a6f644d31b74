/**
 * `npm run bench:list [-- --errors 1000000]`: the Errors list of one account at a million errors,
 * through HTTP as the console asks for it (filters, the page, the total count), with the errors
 * service built and in its own process. The list's rows are seeded in PostgreSQL as the
 * projection leaves them (a quarter resolved, two thirds assigned to 10 users, half of each one's tagged), then
 * analyzed as the service's FreshStatistics would. Prints p50 and p95 per filter set; figures go
 * to docs/benchmarks.md. `--explain` also prints EXPLAIN (ANALYZE, BUFFERS) of each set's page.
 */
import { signAccessToken } from '@faultline/access';
import { ErrorsListQuery, Topics } from '@faultline/contracts';
import { buildServices, freePort, spawnInfrastructure, startServiceProcess } from '@faultline/local-infra';
import { accountCreated } from '@faultline/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { loadErrorsConfig } from '../apps/errors/src/errors.config';
import { pageStatement } from '../apps/errors/src/errors/errors-list/errors-list.query';
import { BENCH_JWT_SECRET, benchEnvironment, machineLine, percentile } from './bench-support';
import { wholeNumberOption } from './command-line';

const count = wholeNumberOption('--errors', 1_000_000);
const QUERIES = 200;
const WARM_UP = 25;
/** Walks to a deep page: its p95 needs more than a handful of samples, or it is their maximum. */
const WALKS = 40;
const explain = process.argv.includes('--explain');
const TAGS = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
const created = accountCreated();
const accountId = created.data.accountId;

async function seed(db: Client): Promise<void> {
  for (let start = 0; start < count; start += 100_000) {
    await db.query(
      `INSERT INTO errors_list (error_id, account_id, integration_id, flow_id, flow_step_id, step_type, run_id, message, code, source,
                                http_status, http_status_name, retry_data_key, trace_key, status, resolution, resolved_at, occurred_at,
                                last_occurred_at, recorded_at, version, error_class, severity, assignee_id, assignment_cause, tag_ids)
       SELECT gen_random_uuid(), $1, 'int-' || (n % 5), 'flow-' || (n % 20), 'step-' || (n % 64), 'import', 'run-' || n,
              'Order SO-' || n || ' failed validation: the customer email is required', 'MISSING_FIELD', 'NetSuite',
              422, 'Unprocessable Entity', 'record-' || n, 'record-' || n,
              CASE WHEN n % 4 = 0 THEN 'resolved' ELSE 'open' END, CASE WHEN n % 4 = 0 THEN 'user' END, CASE WHEN n % 4 = 0 THEN now() END,
              now() - n * interval '1 second', now() - n * interval '1 second', now() - n * interval '1 second', 1, 'missing', 'none',
              CASE WHEN n % 3 = 0 THEN NULL ELSE 'usr-' || (n % 10) END, CASE WHEN n % 3 = 0 THEN NULL ELSE 'manual' END,
              CASE WHEN (n / 10) % 2 = 0 THEN ARRAY[$2::uuid, $3::uuid] ELSE ARRAY[]::uuid[] END
         FROM generate_series($4::int, $5::int) AS n`,
      [accountId, TAGS[Math.floor(start / 100_000) % 4], TAGS[(Math.floor(start / 100_000) + 1) % 4], start + 1, Math.min(start + 100_000, count)],
    );
  }
  // As autovacuum leaves a table after inserts (PostgreSQL vacuums on inserts too): its
  // visibility map set, so counts may read an index alone.
  await db.query('VACUUM (ANALYZE) errors_list');
}

async function get(baseUrl: string, token: string, path: string): Promise<{ nextCursor: string | null }> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { nextCursor: string | null };
}

/** The open errors of the step of the n-th seeded error, as the console's step filter asks for them. */
const place = (n: number) => `status=open&integrationId=int-${n % 5}&flowId=flow-${n % 20}&flowStepId=step-${n % 64}`;

/** The plan of a filter set's page and total, as the service builds the statement. */
async function plan(db: Client, query: ErrorsListQuery, cap: number): Promise<string> {
  const scope = { accountId, integrationIds: 'all' as const, userId: created.data.ownerUserId };
  const statement = pageStatement(scope, query, cap);
  const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.params);
  return rows.map((row: { 'QUERY PLAN': string }) => `      ${row['QUERY PLAN']}`).join('\n');
}

async function timings(baseUrl: string, token: string, query: (index: number) => string): Promise<string> {
  const taken: number[] = [];
  for (let index = 0; index < QUERIES; index++) {
    const started = performance.now();
    await get(baseUrl, token, `/errors?${query(index)}`);
    taken.push(performance.now() - started);
  }
  taken.sort((a, b) => a - b);
  return `p50 ${percentile(taken, 50).toFixed(0)} ms, p95 ${percentile(taken, 95).toFixed(0)} ms`;
}

/** The 20th page of 50, walked with the cursors the list hands out, timed one by one. */
async function deepPages(baseUrl: string, token: string): Promise<string> {
  const taken: number[] = [];
  for (let walk = 0; walk < WALKS; walk++) {
    let cursor: string | null = null;
    for (let page = 1; page <= 20; page++) {
      const started = performance.now();
      const query = `status=open&integrationId=int-${walk % 5}&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      ({ nextCursor: cursor } = await get(baseUrl, token, `/errors?${query}`));
      if (page === 20) taken.push(performance.now() - started);
    }
  }
  taken.sort((a, b) => a - b);
  return `p50 ${percentile(taken, 50).toFixed(0)} ms, p95 ${percentile(taken, 95).toFixed(0)} ms (${WALKS} walks)`;
}

async function main(): Promise<void> {
  const infrastructure = await spawnInfrastructure();
  buildServices((line) => process.stdout.write(`${line}\n`));
  const httpPort = await freePort();
  const env = benchEnvironment(infrastructure, { ERRORS_HTTP_PORT: String(httpPort) });
  const app = startServiceProcess('errors', { env: { ...process.env, ...env }, httpPort, runtime: 'built' });
  await app.healthy();
  const config = loadErrorsConfig(env);
  const db = new Client({ connectionString: config.service.databaseUrl });
  await db.connect();
  const producer = new Kafka({ brokers: [infrastructure.kafkaBrokers], logLevel: logLevel.ERROR }).producer();
  await producer.connect();
  await producer.send({ topic: Topics.identityEvents, messages: [{ key: accountId, value: JSON.stringify(created) }] });
  await producer.disconnect();
  const started = Date.now();
  await seed(db);
  const seeded = (Date.now() - started) / 1000;
  const token = signAccessToken({ userId: created.data.ownerUserId, accountId, role: 'owner' }, BENCH_JWT_SECRET, 3_600);
  for (;;) {
    const response = await fetch(`${app.baseUrl}/errors?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    if (response.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(machineLine());
  print(`${count.toLocaleString('en')} errors of one account seeded and analyzed in ${seeded.toFixed(0)} s; ${QUERIES} HTTP requests per row after ${WARM_UP} untimed, each with the page and the total count:`);
  const sets: Array<[string, (index: number) => string]> = [
    ['open errors of one step (its integration, flow and step, as the console filters)', (index) => place(index * 7_919)],
    ['assignee + tags (any of 2)', (index) => `assignee=usr-${index % 10}&tags=${TAGS[index % 4]},${TAGS[(index + 1) % 4]}`],
    ['unassigned in one integration', (index) => `assignee=unassigned&integrationId=int-${index % 5}`],
    ['text search (an order number)', (index) => `q=SO-${(index * 4_999) % count}`],
  ];
  // A service just started compiles its hot paths and opens its pool's connections (each with
  // PostgreSQL's caches empty) during its first requests: the figures are of one in use.
  for (const [, query] of sets) {
    for (let index = QUERIES; index < QUERIES + WARM_UP; index++) await get(app.baseUrl, token, `/errors?${query(index)}`);
  }
  for (const [name, query] of sets) {
    print(`  ${name}: ${await timings(app.baseUrl, token, query)}`);
    if (explain) print(await plan(db, { limit: 50, ...Object.fromEntries(new URLSearchParams(query(1))) }, config.listTotalCap));
  }
  print(`  deep keyset page (20th of 50, open in one integration): ${await deepPages(app.baseUrl, token)}`);
  await db.end();
  await app.stop();
  await infrastructure.stop();
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
