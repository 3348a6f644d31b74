import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import type { MockBrokerMessage, TopicSpec } from './mock-cluster.protocol';
import { TcpForwarder } from './tcp-forwarder';

export interface KafkaMockOptions {
  /** Fixed bootstrap port; 0 picks a free one. */
  port: number;
  topics: TopicSpec[];
  log: (line: string) => void;
  /** Told of every crash, so test runs and `npm start` can show it. */
  onCrash?: (description: string) => void;
}

const RESTART_DELAY_MS = 250;

/**
 * Runs librdkafka's mock cluster in a supervised child process. The mock has no CreateTopics,
 * so every known topic is created here (other topics are auto-created with 4 partitions on
 * first use). It has been seen to segfault while idle: a crash is logged, reported, and the
 * broker is restarted with its topics; messages it held in memory are gone.
 */
export class KafkaMockSupervisor {
  private child?: ChildProcess;
  private forwarder?: TcpForwarder;
  private readonly topics = new Map<string, TopicSpec>();
  private stopping = false;
  private requestIds = 0;
  private crashes = 0;
  private bootstrapPort = 0;

  constructor(private readonly options: KafkaMockOptions) {
    for (const topic of options.topics) this.topics.set(topic.name, topic);
  }

  get crashCount(): number {
    return this.crashes;
  }

  /** The broker process, for tests that crash it on purpose. */
  get brokerPid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the broker and returns the bootstrap address clients should use. */
  async start(): Promise<string> {
    const target = await this.spawnBroker();
    this.forwarder = new TcpForwarder(target);
    this.bootstrapPort = await this.forwarder.listen(this.options.port);
    return `127.0.0.1:${this.bootstrapPort}`;
  }

  async createTopics(topics: TopicSpec[]): Promise<void> {
    for (const topic of topics) this.topics.set(topic.name, topic);
    await this.request(topics);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.child?.kill('SIGTERM');
    await this.forwarder?.close();
  }

  private async spawnBroker(): Promise<{ host: string; port: number }> {
    const child = forkBrokerProcess();
    this.child = child;
    const bootstraps = await new Promise<string>((resolve, reject) => {
      child.once('message', (message: MockBrokerMessage) => {
        if (message.kind === 'ready') resolve(message.bootstraps);
        else if (message.kind === 'failed') reject(new Error(`kafka mock broker failed: ${message.error}`));
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`kafka mock broker exited during start-up (code ${code}, signal ${signal})`)),
      );
    });
    child.on('exit', (code, signal) => this.onExit(code, signal));
    await this.request([...this.topics.values()]);
    const [host, port] = bootstraps.split(',')[0].split(':');
    this.options.log(`kafka mock broker listening on ${bootstraps} (pid ${child.pid})`);
    return { host, port: Number(port) };
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping) return;
    this.crashes += 1;
    const description = `kafka mock broker crashed (code ${code}, signal ${signal}); restarting it with ${this.topics.size} topics, messages it held are lost`;
    this.options.log(description);
    this.options.onCrash?.(description);
    setTimeout(() => void this.restart(), RESTART_DELAY_MS);
  }

  private async restart(): Promise<void> {
    try {
      const target = await this.spawnBroker();
      this.forwarder?.retarget(target);
    } catch (error) {
      this.options.log(`kafka mock broker restart failed: ${(error as Error).message}`);
      if (!this.stopping) setTimeout(() => void this.restart(), RESTART_DELAY_MS * 4);
    }
  }

  private request(topics: TopicSpec[]): Promise<void> {
    const child = this.child;
    if (!child || topics.length === 0) return Promise.resolve();
    const requestId = ++this.requestIds;
    return new Promise((resolve, reject) => {
      const onMessage = (message: MockBrokerMessage) => {
        if (message.kind !== 'topicsCreated' || message.requestId !== requestId) return;
        child.off('message', onMessage);
        if (message.error) reject(new Error(message.error));
        else resolve();
      };
      child.on('message', onMessage);
      child.send({ kind: 'createTopics', requestId, topics });
    });
  }
}

function forkBrokerProcess(): ChildProcess {
  const extension = path.extname(__filename);
  const entry = path.join(__dirname, `mock-cluster.process${extension}`);
  const execArgv = extension === '.ts' ? ['-r', '@swc-node/register'] : [];
  return fork(entry, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}
