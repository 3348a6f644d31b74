/**
 * `npm run bench`: how fast the errors service turns reported failures into recorded,
 * listed and published errors. Prints figures; docs/benchmarks.md keeps them with the machine.
 *
 *   npm run bench -- --errors 20000
 */
import { ErrorOccurredV1, Topics } from '@faultline/contracts';
import { spawnInfrastructure } from '@faultline/local-infra';
import { loadErrorsConfig } from '../apps/errors/src/errors.config';
import { errorOccurred } from '@faultline/testing';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import os from 'node:os';
import { Client } from 'pg';
import { startErrorsApp } from '../apps/errors/src/errors.app';

/** Reports published but not yet recorded, at most. */
const MAX_BACKLOG = 10_000;
const count = Number(process.argv[process.argv.indexOf('--errors') + 1]) || 20_000;

function report(index: number): ErrorOccurredV1 {
  return errorOccurred({
    accountId: 'acc-bench',
    data: {
      integrationId: `int-${index % 5}`,
      flowId: `flow-${index % 20}`,
      flowStepId: `step-${index % 64}`,
      runId: `run-${index}`,
      message: 'Record failed validation: email is required',
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

async function main(): Promise<void> {
  const infrastructure = await spawnInfrastructure();
  const env = {
    DATABASE_URL: infrastructure.databaseUrl,
    KAFKA_BROKERS: infrastructure.kafkaBrokers,
    KAFKA_IDEMPOTENT_PRODUCER: String(!infrastructure.kafkaIsMock),
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    KAFKA_REBALANCE_TIMEOUT_MS: '6000',
    KAFKA_HEARTBEAT_INTERVAL_MS: '500',
    ERRORS_HTTP_PORT: '0',
    JWT_SECRET: 'bench-jwt-secret-that-is-long-enough-32',
  };
  const errorsConfig = loadErrorsConfig(env);
  const config = errorsConfig.service;
  const app = await startErrorsApp(errorsConfig, { logLevels: ['error', 'fatal'] });
  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  const producer = new Kafka({ brokers: [infrastructure.kafkaBrokers], logLevel: logLevel.ERROR }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  // Warm up: the consumer has joined its group once the first report is recorded.
  await producer.send({ topic: Topics.flowErrors, messages: [{ value: JSON.stringify(report(-1)) }] });
  await waitFor(client, 'SELECT count(*) FROM errors_list', 1);

  const started = Date.now();
  for (let start = 0; start < count; start += 1_000) {
    // The embedded broker keeps only 5 MiB per partition: cap the backlog below that.
    await waitFor(client, 'SELECT count(*) FROM errors_list', start - MAX_BACKLOG);
    const messages = Array.from({ length: Math.min(1_000, count - start) }, (_, offset) => {
      const value = report(start + offset);
      return { key: value.data.flowStepId, value: JSON.stringify(value) };
    });
    await producer.send({ topic: Topics.flowErrors, acks: -1, messages });
  }
  const publishSeconds = (Date.now() - started) / 1000;
  const recordedSeconds = publishSeconds + (await waitFor(client, 'SELECT count(*) FROM errors_list', count + 1));
  const publishedSeconds =
    recordedSeconds + (await waitFor(client, 'SELECT count(*) FROM outbox WHERE published_at IS NOT NULL', count + 1));
  await producer.disconnect();
  await client.end();
  await app.close();
  await infrastructure.stop();

  const rate = (seconds: number) => Math.round(count / seconds).toLocaleString('en');
  const lines = [
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    `kafka: ${infrastructure.kafkaIsMock ? 'embedded mock broker' : 'real broker'}; errors: ${count.toLocaleString('en')}`,
    `runtime published them to flow.errors.v1 in ${publishSeconds.toFixed(2)} s, keeping at most ${MAX_BACKLOG.toLocaleString('en')} unconsumed`,
    `all recorded and listed ${recordedSeconds.toFixed(2)} s after the first was published (${rate(recordedSeconds)} errors/s)`,
    `all ErrorRecorded published through the outbox after ${publishedSeconds.toFixed(2)} s (${rate(publishedSeconds)} events/s)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.message}\n`);
  process.exit(1);
});
