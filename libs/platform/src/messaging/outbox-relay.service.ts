import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OutboxRelay, TopicNames } from '@faultline/eventing';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '../config/service-config';
import { ServiceMetrics } from '../observability/service-metrics';
import { KAFKA_PRODUCER, SERVICE_CONFIG } from './tokens';

/** Runs the service's outbox relay for as long as the service runs. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('outbox');
  readonly relay: OutboxRelay;

  constructor(
    dataSource: DataSource,
    @Inject(KAFKA_PRODUCER) producer: Producer,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    metrics: ServiceMetrics,
  ) {
    this.relay = new OutboxRelay(dataSource, producer, new TopicNames(config.kafka.topicPrefix), {
      ...config.outbox,
      log: (message, context) => this.logger.warn({ message, ...context }),
      metrics,
    });
  }

  /** Wakes the relay after a transaction that wrote outbox rows has committed. */
  nudge(): void {
    this.relay.nudge();
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  /** Before the database closes, so the relay's last round can finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}
