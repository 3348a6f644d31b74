/**
 * `npm start`: the whole system on one machine. Uses DATABASE_URL, KAFKA_BROKERS and SMTP_URL
 * where set and starts embedded ones otherwise, then the four services and the console's gateway
 * as built for production (JavaScript in dist/apps/, built through Nx when stale); Ctrl-C stops it all.
 * `npm start -- --simulate[=N]` (or FAULTLINE_SIMULATE=N) also runs a simulated flow runtime
 * publishing N reports a second (default 2) for the development account, obeying its commands.
 */
import { topicSpecs } from '@faultline/contracts';
import { buildServices, Infrastructure, ServiceProcess, startConsoleProcess, startInfrastructure, startServiceProcess } from '@faultline/local-infra';
import { DEFAULT_HTTP_PORTS, ServiceName } from '@faultline/platform';
import { RuntimeSimulator } from '@faultline/runtime-simulator';
import path from 'node:path';
import { buildConsoleIfStale, CONSOLE_DIST } from './console-build';
import { DEV_ACCOUNT, seedDevAccount } from './dev-account';
import { devSecrets } from './dev-secrets';
import { republishOutboxes } from './republish-outboxes';

const ROOT = path.resolve(__dirname, '..');
const DATA_DIR = path.join(ROOT, '.data');
const SERVICES = Object.keys(DEFAULT_HTTP_PORTS) as ServiceName[];
const CONSOLE_PORT = Number(process.env.CONSOLE_HTTP_PORT ?? 3000);
const CONSOLE_URL = `http://127.0.0.1:${CONSOLE_PORT}`;

const log = (line: string) => process.stdout.write(`[start] ${line}\n`);

async function main(): Promise<void> {
  const perSecond = simulationRate(process.argv.slice(2), process.env.FAULTLINE_SIMULATE);
  log(`the console will be at ${CONSOLE_URL}`);
  buildConsoleIfStale(log);
  buildServices(log);
  const infrastructure = await startInfrastructure({
    dataDir: DATA_DIR,
    ports: { postgres: 54329, kafka: 19092, smtp: 2525 },
    topics: topicSpecs(process.env.KAFKA_TOPIC_PREFIX),
    log,
    onKafkaCrash: (description) => log(`WARNING ${description}`),
  });
  if (infrastructure.kafkaIsMock && !process.env.DATABASE_URL) {
    const republished = await republishOutboxes(infrastructure.databaseUrl, SERVICES);
    if (republished > 0) log(`the embedded broker starts empty: re-publishing ${republished} events from the services' outboxes and the errors app's event store`);
  }
  const secrets = devSecrets(DATA_DIR);
  const httpPort = (service: ServiceName) => Number(process.env[`${service.toUpperCase()}_HTTP_PORT`] ?? DEFAULT_HTTP_PORTS[service]);
  const services = [
    ...SERVICES.map((service) =>
      startServiceProcess(service, {
        env: { ...serviceEnvironment(infrastructure), ...secrets },
        httpPort: httpPort(service),
        onOutput: (line) => process.stdout.write(`[${service}] ${line}\n`),
        runtime: 'built',
      }),
    ),
    startConsoleProcess({
      httpPort: CONSOLE_PORT,
      staticDir: CONSOLE_DIST,
      upstreams: Object.fromEntries(SERVICES.map((service) => [service, `http://127.0.0.1:${httpPort(service)}`])),
      onOutput: (line) => process.stdout.write(`[console] ${line}\n`),
      runtime: 'built',
    }),
  ];
  let stopping = false;
  let simulator: RuntimeSimulator | undefined;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await simulator?.stop();
    await Promise.all(services.map((service) => service.stop()));
    await infrastructure.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  for (const service of services) {
    service.child.once('exit', (code, signal) => {
      if (stopping) return;
      log(`${service.service} exited (code ${code}, signal ${signal}); stopping everything`);
      void stopAll(1);
    });
  }
  await Promise.all(services.map((service) => service.healthy()));
  const identity = services.find((service) => service.service === 'identity')!;
  const seeded = await seedDevAccount(identity.baseUrl, secrets.INTERNAL_API_KEY);
  if (perSecond > 0) {
    simulator = new RuntimeSimulator({
      brokers: infrastructure.kafkaBrokers.split(','),
      accountId: DEV_ACCOUNT.accountId,
      perSecond,
      topicPrefix: process.env.KAFKA_TOPIC_PREFIX,
      log: (line) => process.stdout.write(`[simulator] ${line}\n`),
    });
    await simulator.start();
  }
  printSummary(infrastructure, services);
  const { owner } = DEV_ACCOUNT;
  process.stdout.write(
    `Open the console: ${CONSOLE_URL}\n` +
      `Development account ${DEV_ACCOUNT.accountId} (${seeded}): sign in as ${owner.email} / ${owner.password}\n` +
      `  curl -X POST ${identity.baseUrl}/sign-in -H 'content-type: application/json' -d '{"email":"${owner.email}","password":"${owner.password}"}'\n` +
      `Internal API key (x-internal-api-key) is in ${path.join(DATA_DIR, 'secrets.json')}\n\n`,
  );
}

/** Reports a second the simulated runtime publishes: `--simulate[=N]` or FAULTLINE_SIMULATE=N; 0 runs none. */
function simulationRate(args: string[], fromEnv: string | undefined): number {
  const flag = args.find((arg) => arg === '--simulate' || arg.startsWith('--simulate='));
  const asked = flag ? (flag.split('=')[1] ?? '2') : fromEnv;
  if (asked === undefined || asked === '') return 0;
  const rate = Number(asked);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1_000) throw new Error(`--simulate takes reports per second, 0 to 1000 (got ${asked})`);
  return rate;
}

function serviceEnvironment(infrastructure: Infrastructure): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: infrastructure.databaseUrl,
    KAFKA_BROKERS: infrastructure.kafkaBrokers,
    SMTP_URL: infrastructure.smtpUrl,
    LINK_BASE_URL: process.env.LINK_BASE_URL ?? CONSOLE_URL,
    // The console's gateway on this machine forwards the browser's address, for sign-in throttling.
    HTTP_TRUST_PROXY: process.env.HTTP_TRUST_PROXY ?? 'loopback',
    ...(infrastructure.kafkaIsMock ? { KAFKA_IDEMPOTENT_PRODUCER: 'false' } : {}),
  };
}

function printSummary(infrastructure: Infrastructure, services: ServiceProcess[]): void {
  const lines = [
    '',
    `Faultline is running: open ${CONSOLE_URL} in a browser. Ctrl-C stops everything.`,
    ...services.map((service) => `  ${service.service.padEnd(14)} ${service.baseUrl}${service.service === 'console' ? '  (the web console; the APIs under /api/<service>/)' : `  (API docs: ${service.baseUrl}/docs)`}`),
    `  PostgreSQL     ${redact(infrastructure.databaseUrl)}  [${infrastructure.provenance.postgres}]`,
    `  Kafka          ${infrastructure.kafkaBrokers}  [${infrastructure.kafkaIsMock ? 'embedded mock broker' : infrastructure.provenance.kafka}]`,
    `  SMTP           ${redact(infrastructure.smtpUrl)}  [${infrastructure.provenance.smtp}]`,
    ...(infrastructure.mailDir ? [`  Mail kept in   ${infrastructure.mailDir}`] : []),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

main().catch((error: Error) => {
  process.stderr.write(`[start] failed: ${error.message}\n`);
  process.exit(1);
});
