import { parseEvent, Topics } from '@faultline/contracts';
import { Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { RuntimeCommand, RuntimeReport, seededRandom, SimulatedRuntime } from './simulated-runtime';

export interface SimulatorOptions {
  brokers: string[];
  accountId: string;
  /** Failures and successes reported per second. */
  perSecond: number;
  topicPrefix?: string;
  seed?: number;
  /** Chance that a retry succeeds (default 0.7). */
  retrySuccess?: number;
  log?: (line: string) => void;
}

const TICK_MS = 250;

/**
 * The simulated runtime on a real broker: publishes its reports on flow.errors.v1 (each checked
 * against its contract first, keyed by flow step as runtimes key them) and obeys what it reads
 * on flow.commands.v1. `npm start -- --simulate` runs one for the development account.
 */
export class RuntimeSimulator {
  private readonly runtime: SimulatedRuntime;
  private readonly kafka: Kafka;
  private producer?: Producer;
  private consumer?: Consumer;
  private timer?: NodeJS.Timeout;
  private owed = 0;
  private sending = Promise.resolve();
  published = 0;

  constructor(private readonly options: SimulatorOptions) {
    const { accountId, seed, retrySuccess } = options;
    this.runtime = new SimulatedRuntime({ accountId, random: seededRandom(seed ?? Date.now()), newId: randomUUID, retrySuccess });
    this.kafka = new Kafka({ clientId: 'faultline-runtime-simulator', brokers: options.brokers, logLevel: logLevel.NOTHING });
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await this.producer.connect();
    this.consumer = this.kafka.consumer({ groupId: `runtime-simulator-${randomUUID()}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic(Topics.flowCommands), fromBeginning: false });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const command = parseEvent(Topics.flowCommands, message.value);
        if (command.ok) this.runtime.receive(command.value as RuntimeCommand, new Date());
      },
    });
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.options.log?.(`runtime simulator: ${this.options.perSecond} reports/s for account ${this.options.accountId}`);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sending;
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  /** Whether the errors app's AutomationDisabled stopped this flow (and no re-enable came since). */
  isDisabled(flowId: string): boolean {
    return this.runtime.isDisabled(flowId);
  }

  private tick(): void {
    const now = new Date();
    this.owed += (this.options.perSecond * TICK_MS) / 1000;
    const count = Math.floor(this.owed);
    this.owed -= count;
    const reports = [...this.runtime.runDueRetries(now), ...this.runtime.run(count, now)];
    if (reports.length === 0) return;
    this.sending = this.sending.then(() => this.publish(reports)).catch((error: Error) => this.options.log?.(`runtime simulator: publishing failed: ${error.message}`));
  }

  private async publish(reports: RuntimeReport[]): Promise<void> {
    for (const report of reports) {
      const checked = parseEvent(Topics.flowErrors, JSON.stringify(report));
      if (!checked.ok) throw new Error(`the simulator made a report its contract refuses: ${checked.reason}`);
    }
    await this.producer?.send({
      topic: this.topic(Topics.flowErrors),
      messages: reports.map((report) => ({ key: report.data.flowStepId, value: JSON.stringify(report) })),
    });
    this.published += reports.length;
  }

  private topic(name: string): string {
    return `${this.options.topicPrefix ?? ''}${name}`;
  }
}
