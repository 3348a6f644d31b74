import { INestApplication, Logger, Type } from '@nestjs/common';
import { DynamicModule } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { ConsumerProgress, KafkaBatchServer } from '@faultline/eventing';
import type { Kafka, Producer } from 'kafkajs';
import { consumerGroupId, ServiceConfig } from '../config/service-config';
import { applyHttpHygiene } from '../http/http-hygiene';
import { apiDescription } from './api-description';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { StorableInputInterceptor } from '../http/storable-input.interceptor';
import { KAFKA, KAFKA_PRODUCER } from '../messaging/tokens';
import { CorrelatedLogger } from '../observability/correlated-logger';
import { observeRequests } from '../observability/request-observation';
import { ServiceMetrics } from '../observability/service-metrics';

export interface StartServiceOptions {
  config: ServiceConfig;
  title: string;
  /** How the service's domain error codes map to HTTP statuses. */
  statusByCode?: Record<string, number>;
  /** Quiet logs for tests. */
  logLevels?: Array<'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal'>;
}

/**
 * Starts a service as a hybrid Nest application: its HTTP API and its Kafka consumer (the
 * batch transport, subscribed to every `@EventPattern` topic the service declares).
 */
export async function startService(module: Type | DynamicModule, options: StartServiceOptions): Promise<INestApplication> {
  const { config } = options;
  const logger = new CorrelatedLogger(`faultline-${config.service}`, {
    json: true,
    colors: false,
    logLevels: options.logLevels ?? ['log', 'error', 'warn', 'fatal'],
  });
  const app = await NestFactory.create(module, { logger, abortOnError: false });
  applyHttpHygiene(app, config.trustProxy);
  observeRequests(app);
  app.useGlobalFilters(new ProblemDetailsFilter(options.statusByCode));
  app.useGlobalInterceptors(new StorableInputInterceptor(app.get(Reflector)));
  SwaggerModule.setup('docs', app, () => apiDescription(app, options.title));
  const kafkaLogger = new Logger('kafka');
  app.connectMicroservice(
    {
      strategy: new KafkaBatchServer({
        kafka: app.get<Kafka>(KAFKA),
        producer: app.get<Producer>(KAFKA_PRODUCER),
        settings: config.kafka,
        groupId: consumerGroupId(config),
        progress: app.get(ConsumerProgress),
        metrics: app.get(ServiceMetrics),
        log: (level, message, context) => kafkaLogger[level === 'info' ? 'log' : level]({ message, ...context }),
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(config.httpPort, config.httpHost);
  return app;
}
