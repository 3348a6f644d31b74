import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ConsumerProgress } from '@faultline/eventing';
import type { Admin, Kafka } from 'kafkajs';
import { consumerGroupId, ServiceConfig } from '../config/service-config';
import { KAFKA, SERVICE_CONFIG } from '../messaging/tokens';

const TIMEOUT_MS = 3_000;

/**
 * Kafka is healthy when the cluster answers a metadata request in time; the consumer, when it
 * runs and none of its partitions is stuck (see ConsumerProgress). The partitions' ends are
 * asked of the broker on each check, so lag shows even when no batch arrives.
 */
@Injectable()
export class KafkaHealthIndicator implements OnApplicationShutdown {
  private admin?: Admin;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly progress: ConsumerProgress,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: 'kafka') {
    const indicator = this.health.check(key);
    try {
      const cluster = await withTimeout(this.connected().then((admin) => admin.describeCluster()), TIMEOUT_MS);
      return indicator.up({ brokers: cluster.brokers.length });
    } catch (error) {
      this.admin = undefined;
      return indicator.down({ message: (error as Error).message });
    }
  }

  async checkConsumer(key: 'consumer') {
    await withTimeout(this.observeEnds(), TIMEOUT_MS).catch(() => undefined);
    const { healthy, ...report } = this.progress.report();
    const indicator = this.health.check(key);
    return healthy ? indicator.up(report) : indicator.down(report);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }

  /** Both ends of each held partition: the group's committed position and the partition's end. */
  private async observeEnds(): Promise<void> {
    const admin = await this.connected();
    const topics = this.progress.topicsHeld();
    if (topics.length === 0) return;
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId: consumerGroupId(this.config), topics })) {
      for (const { partition, offset } of partitions) this.progress.observedCommitted(topic, partition, offset);
    }
    for (const topic of topics) {
      for (const { partition, high } of await admin.fetchTopicOffsets(topic)) this.progress.observedEnd(topic, partition, high);
    }
  }

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
