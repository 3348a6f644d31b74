import { Topics } from '@faultline/contracts';
import { loadServiceConfig } from '@faultline/platform';
import { IdentityApiClient, KafkaTestClient, ManualClock, testServiceEnvironment, TopicRecorder } from '@faultline/testing';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startIdentityApp } from '../identity.app';
import { loadIdentityConfig } from '../identity.config';

/**
 * Identity running in-process against real PostgreSQL and Kafka, driven only through its HTTP
 * API and its published events, with a clock the test moves.
 */
export class IdentityTestHarness extends IdentityApiClient {
  readonly clock = new ManualClock(new Date());
  private app?: INestApplication;
  private kafka?: KafkaTestClient;
  private env: NodeJS.ProcessEnv = {};
  private events?: TopicRecorder;

  constructor() {
    super('');
  }

  async start(): Promise<this> {
    this.env = await testServiceEnvironment('identity');
    this.kafka = new KafkaTestClient(loadServiceConfig('identity', this.env).kafka.topicPrefix);
    this.events = await this.kafka.record(Topics.identityEvents);
    await this.restart();
    return this;
  }

  /** Starts identity again on the same database and topics, with these settings changed. */
  async restart(settings: Record<string, string> = {}): Promise<void> {
    await this.app?.close();
    this.app = await startIdentityApp(loadIdentityConfig({ ...this.env, ...settings }), { clock: this.clock, logLevels: ['error', 'fatal'] });
    this.watch(await this.app.getUrl(), this.events as TopicRecorder);
  }

  /** Publishes on one of the harness's topics, as another service would. */
  async publish(topic: string, events: Array<{ accountId: string }>): Promise<void> {
    await this.kafka?.publish(topic, events.map((event) => ({ key: event.accountId, value: event })));
  }

  /** Identity's own database, for checks a user cannot make (a rebuild of the read models). */
  get dataSource(): DataSource {
    if (!this.app) throw new Error('identity is not started');
    return this.app.get(DataSource);
  }

  async stop(): Promise<void> {
    await this.kafka?.close();
    await this.app?.close();
  }
}
