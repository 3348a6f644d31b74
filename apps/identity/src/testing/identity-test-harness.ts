import { Topics } from '@faultline/contracts';
import { loadServiceConfig } from '@faultline/platform';
import { IdentityApiClient, KafkaTestClient, ManualClock, testServiceEnvironment } from '@faultline/testing';
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

  constructor() {
    super('');
  }

  async start(): Promise<this> {
    const env = await testServiceEnvironment('identity');
    this.kafka = new KafkaTestClient(loadServiceConfig('identity', env).kafka.topicPrefix);
    const identityEvents = await this.kafka.record(Topics.identityEvents);
    this.app = await startIdentityApp(loadIdentityConfig(env), { clock: this.clock, logLevels: ['error', 'fatal'] });
    this.watch(await this.app.getUrl(), identityEvents);
    return this;
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
