import { Logger, Provider } from '@nestjs/common';
import { createKafka, Inbox, OutboxWriter, PostgresEventStore, Upcaster } from '@faultline/eventing';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import type { ServiceConfig } from '../config/service-config';
import { ServiceMetrics } from '../observability/service-metrics';
import { EVENT_UPCASTERS, KAFKA, KAFKA_PRODUCER, SERVICE_CONFIG } from './tokens';

const kafkaLogger = new Logger('kafka');

export const messagingProviders: Provider[] = [
  {
    provide: PostgresEventStore,
    inject: [ServiceMetrics, { token: EVENT_UPCASTERS, optional: true }],
    useFactory: (metrics: ServiceMetrics, upcasters?: Upcaster[]) => new PostgresEventStore(upcasters, metrics),
  },
  OutboxWriter,
  Inbox,
  {
    provide: KAFKA,
    inject: [SERVICE_CONFIG],
    useFactory: (config: ServiceConfig): Kafka =>
      createKafka(config.kafka, (level, message, context) => kafkaLogger[level === 'info' ? 'log' : level]({ message, ...context })),
  },
  {
    provide: KAFKA_PRODUCER,
    inject: [KAFKA, SERVICE_CONFIG],
    useFactory: async (kafka: Kafka, config: ServiceConfig): Promise<Producer> => {
      const producer = kafka.producer({
        idempotent: config.kafka.idempotentProducer,
        maxInFlightRequests: config.kafka.idempotentProducer ? 5 : 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    },
  },
];
