import { topicSpecs } from '@faultline/contracts';
import { freePort, KafkaMockSupervisor, ServiceProcess, startEmbeddedPostgres, startServiceProcess, startSmtpSink } from '@faultline/local-infra';
import { TEST_SERVICE_SETTINGS } from '@faultline/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SERVICES = ['identity', 'errors', 'assignment', 'notifications'] as const;
export type Service = (typeof SERVICES)[number];

interface Instance {
  name: string;
  service: Service;
  port: number;
  process: ServiceProcess;
  kills: number;
}

type Postgres = Awaited<ReturnType<typeof startEmbeddedPostgres>>;
type Smtp = Awaited<ReturnType<typeof startSmtpSink>>;

/**
 * The whole system with two instances of every service in the same consumer groups, on
 * infrastructure this process owns so it can be broken on purpose: the embedded PostgreSQL
 * (restarted), the embedded broker (killed; its supervisor restarts it empty) and the SMTP sink
 * (refusing for a while).
 */
export class FaultSystem {
  readonly instances: Instance[] = [];
  readonly log: string[] = [];
  private postgres!: Postgres;
  private smtp!: Smtp;
  private broker!: KafkaMockSupervisor;
  private pgPort = 0;
  databaseUrl = '';
  kafkaBrokers = '';
  readonly dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-faults-'));
  /** Every instance's whole output, one file each, kept when a check fails. */
  readonly logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-faults-logs-'));
  private readonly logFiles = new Map<string, fs.WriteStream>();

  get mailDir(): string {
    return this.smtp.mailDir;
  }

  async start(): Promise<void> {
    this.pgPort = await freePort();
    this.postgres = await this.startPostgres();
    this.databaseUrl = this.postgres.url;
    this.broker = new KafkaMockSupervisor({ port: 0, topics: topicSpecs(), log: (line) => this.note(line) });
    this.kafkaBrokers = await this.broker.start();
    this.smtp = await startSmtpSink({ dataDir: this.dataDir, port: 0 });
    for (const service of SERVICES) {
      for (const copy of [1, 2]) this.instances.push({ name: `${service}-${copy}`, service, port: await freePort(), process: undefined!, kills: 0 });
    }
    for (const instance of this.instances) instance.process = this.run(instance);
    await Promise.all(this.instances.map((instance) => instance.process.healthy(120_000)));
  }

  url(service: Service, copy = 1): string {
    return `http://127.0.0.1:${this.instances.find((instance) => instance.name === `${service}-${copy}`)!.port}`;
  }

  /** The crash of one instance (SIGKILL), and the same instance started again. */
  async killAndRestart(instance: Instance): Promise<void> {
    await instance.process.kill();
    instance.kills++;
    this.note(`killed ${instance.name} (SIGKILL) and started it again`);
    instance.process = this.run(instance);
    await instance.process.healthy(120_000);
  }

  async restartPostgres(): Promise<void> {
    await this.postgres.stop();
    this.note('PostgreSQL stopped');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    this.postgres = await this.startPostgres();
    this.note('PostgreSQL started again');
  }

  async smtpOutage(ms: number): Promise<void> {
    this.smtp.refuse(true);
    this.note(`SMTP refuses every message for ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.smtp.refuse(false);
    this.note('SMTP accepts again');
  }

  /** Kills the broker process; its supervisor starts it again, empty, on the same address. */
  async crashBroker(): Promise<void> {
    const pid = this.broker.brokerPid;
    if (pid) process.kill(pid, 'SIGKILL');
    const crashes = this.broker.crashCount;
    while (this.broker.crashCount === crashes || this.broker.brokerPid === pid) await new Promise((resolve) => setTimeout(resolve, 100));
    this.note('the broker was killed and restarted empty');
  }

  async health(): Promise<Array<{ name: string; status: number; restarts?: number; problems?: string[] }>> {
    return Promise.all(
      this.instances.map(async ({ name, port }) => {
        const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        const body = (await response?.json().catch(() => undefined)) as { details?: { consumer?: { restarts: number; problems: string[] } } } | undefined;
        return { name, status: response?.status ?? 0, restarts: body?.details?.consumer?.restarts, problems: body?.details?.consumer?.problems };
      }),
    );
  }

  async stop(options: { keepLogs: boolean }): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.process?.stop()));
    await this.smtp?.stop();
    await this.broker?.stop();
    await this.postgres?.stop();
    await Promise.all([...this.logFiles.values()].map((file) => new Promise((resolve) => file.end(resolve))));
    fs.rmSync(this.dataDir, { recursive: true, force: true });
    if (!options.keepLogs) fs.rmSync(this.logDir, { recursive: true, force: true });
  }

  note(line: string): void {
    this.log.push(`${new Date().toISOString()} ${line}`);
    process.stdout.write(`[faults] ${line}\n`);
  }

  private logFile(name: string): fs.WriteStream {
    let file = this.logFiles.get(name);
    if (!file) this.logFiles.set(name, (file = fs.createWriteStream(path.join(this.logDir, `${name}.log`), { flags: 'a' })));
    return file;
  }

  private startPostgres(): Promise<Postgres> {
    return startEmbeddedPostgres({ dataDir: this.dataDir, port: this.pgPort, unsafeFast: true, log: (line) => this.note(line) });
  }

  private run(instance: Instance): ServiceProcess {
    const logFile = this.logFile(instance.name);
    const prefix = instance.service.toUpperCase();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: this.databaseUrl,
      KAFKA_BROKERS: this.kafkaBrokers,
      SMTP_URL: this.smtp.url,
      [`${prefix}_HTTP_PORT`]: String(instance.port),
      KAFKA_IDEMPOTENT_PRODUCER: 'false',
      ...TEST_SERVICE_SETTINGS,
      UNKNOWN_ACCOUNT_GRACE_MS: '1000',
      DIGEST_WINDOW_MS: '2000',
      DIGEST_FLUSH_INTERVAL_MS: '250',
    };
    return startServiceProcess(instance.service, {
      env,
      httpPort: instance.port,
      onOutput: (line) => {
        logFile.write(`${line}\n`);
        if (/"level":"(error|fatal)"/.test(line) && !/batch failed|consumer crashed|Connection|ECONNREFUSED/.test(line)) this.log.push(`${instance.name}: ${line.slice(0, 300)}`);
      },
    });
  }
}
