import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConsumerProgress, EVENTING_MIGRATIONS, OutboxMessage, PublishedFromStore, StoredEvent, StoreRelay1732300002300 } from '@faultline/eventing';
import type { DataSourceOptions } from 'typeorm';
import { Clock, CLOCK, systemClock } from './clock';
import type { ServiceConfig } from './config/service-config';
import { ensureDatabase } from './database/ensure-database';
import { serviceDataSourceOptions } from './database/service-data-source';
import { FreshStatistics } from './database/fresh-statistics';
import { HealthController } from './health/health.controller';
import { KafkaHealthIndicator } from './health/kafka.health';
import { messagingProviders } from './messaging/messaging.providers';
import { KafkaProducerLifecycle } from './messaging/kafka-producer.lifecycle';
import { OutboxPurger } from './messaging/outbox-purger';
import { RelayService } from './messaging/relay.service';
import { KAFKA, KAFKA_PRODUCER, SERVICE_CONFIG } from './messaging/tokens';
import { MetricsController } from './observability/metrics.controller';
import { ServiceMetrics } from './observability/service-metrics';

export interface ServiceModuleOptions {
  config: ServiceConfig;
  /** The service's own migrations, run after the shared event store, outbox and inbox tables. */
  migrations: NonNullable<DataSourceOptions['migrations']>;
  /** Tests pass a clock they move by hand; the system clock otherwise. */
  clock?: Clock;
  /**
   * What each stored event is published as, for an app whose relay publishes from its event
   * store instead of an outbox copy (the app's writer then hands its messages to PublishedFromStore).
   */
  publishFromStore?: (stored: StoredEvent) => OutboxMessage[];
}

/**
 * What every Faultline service has: its own database (created and migrated at start-up), the
 * event store, outbox, inbox and relay, a Kafka producer, `GET /health` and `GET /metrics`.
 */
@Global()
@Module({})
export class ServiceModule {
  static forRoot({ config, migrations, clock = systemClock, publishFromStore }: ServiceModuleOptions): DynamicModule {
    return {
      module: ServiceModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            await ensureDatabase(config.databaseUrl);
            return serviceDataSourceOptions({
              service: config.service,
              databaseUrl: config.databaseUrl,
              migrations: [...EVENTING_MIGRATIONS, ...(publishFromStore ? [StoreRelay1732300002300] : []), ...(Array.isArray(migrations) ? migrations : Object.values(migrations))],
            });
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        ...(publishFromStore ? [{ provide: PublishedFromStore, useValue: new PublishedFromStore(publishFromStore) }] : []),
        { provide: ConsumerProgress, useValue: new ConsumerProgress(config.kafka.stuckAfterMs) },
        ServiceMetrics,
        ...messagingProviders,
        RelayService,
        OutboxPurger,
        FreshStatistics,
        KafkaProducerLifecycle,
        KafkaHealthIndicator,
      ],
      exports: [SERVICE_CONFIG, CLOCK, KAFKA, KAFKA_PRODUCER, RelayService, ServiceMetrics, ...messagingProviders, ...(publishFromStore ? [PublishedFromStore] : [])],
    };
  }
}
