import { ErrorRecordedV1, Topics } from '@faultline/contracts';
import { notYetRelayed } from '@faultline/eventing';
import { freePort, startServiceProcess } from '@faultline/local-infra';
import { loadServiceConfig, ServiceConfig } from '@faultline/platform';
import { loadErrorsConfig } from '../../errors.config';
import { accountCreated, errorOccurred, eventually, KafkaTestClient, testServiceEnvironment } from '@faultline/testing';
import { Client } from 'pg';
import { startErrorsApp } from '../../errors.app';

const REPORTS = 3_000;

interface Counts {
  errors: number;
  distinctRuns: number;
  unpublished: number;
}

async function counts(config: ServiceConfig): Promise<Counts> {
  const client = new Client({ connectionString: config.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM errors_list)::int AS errors,
              (SELECT count(DISTINCT run_id) FROM errors_list)::int AS "distinctRuns",
              (SELECT count(*) FROM event_store e WHERE ${notYetRelayed('e')})::int AS unpublished`,
    );
    return rows[0];
  } catch {
    return { errors: 0, distinctRuns: 0, unpublished: 0 };
  } finally {
    await client.end();
  }
}

/**
 * An account as identity announces it, known to the service before its reports arrive: the
 * service records reports of known accounts only, and reads the two topics side by side.
 */
async function announceAccount(kafka: KafkaTestClient, config: ServiceConfig): Promise<string> {
  const announced = accountCreated();
  const { accountId } = announced.data;
  await kafka.publish(Topics.identityEvents, [{ key: accountId, value: announced }]);
  await eventually(async () => {
    const client = new Client({ connectionString: config.databaseUrl });
    await client.connect();
    try {
      const { rowCount } = await client.query('SELECT 1 FROM access_accounts WHERE account_id = $1', [accountId]);
      expect(rowCount).toBe(1);
    } finally {
      await client.end();
    }
  }, 30_000);
  return accountId;
}

async function publishReports(kafka: KafkaTestClient, accountId: string): Promise<void> {
  const reports = Array.from({ length: REPORTS }, (_, index) =>
    errorOccurred({ accountId, data: { flowStepId: `step-${index % 8}` } }),
  );
  for (let start = 0; start < reports.length; start += 500) {
    await kafka.publish(
      Topics.flowErrors,
      reports.slice(start, start + 500).map((report) => ({ key: report.data.flowStepId, value: report })),
    );
  }
}

async function expectEverythingOnce(config: ServiceConfig, kafka: KafkaTestClient): Promise<void> {
  await eventually(async () => expect(await counts(config)).toEqual({ errors: REPORTS, distinctRuns: REPORTS, unpublished: 0 }), 60_000, 250);
  const recorder = await kafka.record(Topics.errorsEvents);
  await recorder.waitFor(REPORTS, 30_000);
  const published = recorder.json<ErrorRecordedV1>();
  expect(new Set(published.map((event) => event.eventId)).size).toBe(REPORTS);
  expect(new Set(published.map((event) => event.data.errorId)).size).toBe(REPORTS);
}

describe('the errors service across restarts', () => {
  it('stopping it mid-stream and starting it again loses nothing and doubles nothing', async () => {
    const errorsConfig = loadErrorsConfig(await testServiceEnvironment('errors'));
    const config = errorsConfig.service;
    const kafka = new KafkaTestClient(config.kafka.topicPrefix);
    try {
      const first = await startErrorsApp(errorsConfig, { logLevels: ['error', 'fatal'] });
      await publishReports(kafka, await announceAccount(kafka, config));
      await eventually(async () => expect((await counts(config)).errors).toBeGreaterThan(0), 30_000, 20);
      await first.close();
      expect((await counts(config)).errors).toBeLessThan(REPORTS);

      const second = await startErrorsApp(errorsConfig, { logLevels: ['error', 'fatal'] });
      try {
        await expectEverythingOnce(config, kafka);
      } finally {
        await second.close();
      }
    } finally {
      await kafka.close();
    }
  });

  it('killing its process mid-stream (SIGKILL) and starting it again loses nothing and doubles nothing', async () => {
    const port = await freePort();
    const env = await testServiceEnvironment('errors', { httpPort: port });
    const config = loadServiceConfig('errors', env);
    const kafka = new KafkaTestClient(config.kafka.topicPrefix);
    const output: string[] = [];
    const start = () => startServiceProcess('errors', { env, httpPort: port, onOutput: (line) => output.push(line) });
    try {
      const first = start();
      await first.healthy();
      await publishReports(kafka, await announceAccount(kafka, config));
      await eventually(async () => expect((await counts(config)).errors).toBeGreaterThan(0), 30_000, 20);
      await first.kill();
      expect((await counts(config)).errors).toBeLessThan(REPORTS);

      const second = start();
      try {
        await second.healthy();
        await expectEverythingOnce(config, kafka);
      } finally {
        await second.stop();
      }
    } catch (error) {
      process.stderr.write(`errors service output:\n${output.slice(-40).join('\n')}\n`);
      throw error;
    } finally {
      await kafka.close();
    }
  });
});
