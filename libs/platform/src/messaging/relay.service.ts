import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { EventStoreRelay, OutboxRelay, PostgresEventStore, PublishedFromStore, RelayLoop, TopicNames } from '@faultline/eventing';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '../config/service-config';
import { ServiceMetrics } from '../observability/service-metrics';
import { KAFKA_PRODUCER, SERVICE_CONFIG } from './tokens';

/**
 * Runs the service's relays for as long as the service runs: its outbox relay, and the event
 * store relay of an app that publishes from its store.
 */
@Injectable()
export class RelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('relay');
  private readonly relays: RelayLoop[];

  constructor(
    dataSource: DataSource,
    eventStore: PostgresEventStore,
    @Inject(KAFKA_PRODUCER) producer: Producer,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    metrics: ServiceMetrics,
    @Optional() publication?: PublishedFromStore,
  ) {
    const topics = new TopicNames(config.kafka.topicPrefix);
    const options = { ...config.outbox, log: (message: string, context?: object) => this.logger.warn({ message, ...context }), metrics };
    this.relays = [new OutboxRelay(dataSource, producer, topics, options)];
    if (publication) this.relays.push(new EventStoreRelay(dataSource, eventStore, publication, producer, topics, options));
  }

  /** Wakes the relays after a transaction that stored events or wrote outbox rows has committed. */
  nudge(): void {
    for (const relay of this.relays) relay.nudge();
  }

  onApplicationBootstrap(): void {
    for (const relay of this.relays) relay.start();
  }

  /** Before the database closes, so the relays' last rounds can finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.relays.map((relay) => relay.stop()));
  }
}
