import { ConsumerProgress, EventingMetrics, notYetRelayed, PublishedFromStore } from '@faultline/eventing';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '../config/service-config';
import { SERVICE_CONFIG } from '../messaging/tokens';

const SIZES = [1, 10, 50, 100, 250, 500, 1_000, 2_500, 5_000];
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One service's Prometheus metrics, served at `/metrics`: its process (memory, CPU, event loop),
 * its HTTP API, its consumer, its event store and its outbox. Apps register their own on
 * `registry` (notifications: digests and emails). Labels are bounded: route templates, contract
 * topics, event types, rule codes; never ids.
 */
@Injectable()
export class ServiceMetrics implements EventingMetrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  private readonly batchSize: Histogram<'topic'>;
  private readonly batchDuration: Histogram<'topic'>;
  private readonly deadLetters: Counter<'topic' | 'reason'>;
  private readonly appended: Counter<'type'>;
  private readonly publishedRows: Counter<'topic'>;

  constructor(
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    progress: ConsumerProgress,
    dataSource: DataSource,
    @Optional() publishedFromStore?: PublishedFromStore,
  ) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service: config.service });
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({ name: 'faultline_http_request_duration_seconds', help: 'HTTP requests by route template and status, with their durations', labelNames: ['method', 'route', 'status'], buckets: SECONDS, registers });
    this.batchSize = new Histogram({ name: 'faultline_consumer_batch_size', help: 'Messages per handled partition batch', labelNames: ['topic'], buckets: SIZES, registers });
    this.batchDuration = new Histogram({ name: 'faultline_consumer_batch_duration_seconds', help: 'Time from taking a partition batch to committing it', labelNames: ['topic'], buckets: SECONDS, registers });
    this.deadLetters = new Counter({ name: 'faultline_dead_lettered_messages_total', help: "Messages sent to a topic's DLQ, by the refusing rule's code", labelNames: ['topic', 'reason'], registers });
    this.appended = new Counter({ name: 'faultline_events_appended_total', help: 'Events appended to the event store (appends rolled back with their transaction count too)', labelNames: ['type'], registers });
    this.publishedRows = new Counter({ name: 'faultline_outbox_published_total', help: 'Outbox rows the relay published', labelNames: ['topic'], registers });
    new Gauge({
      name: 'faultline_consumer_lag_messages',
      help: 'Messages waiting in each partition this instance holds',
      labelNames: ['topic', 'partition'],
      registers,
      collect() {
        this.reset();
        for (const { topic, partition, lag } of progress.lags()) this.set({ topic, partition: String(partition) }, lag);
      },
    });
    new Gauge({
      name: 'faultline_consumer_healthy',
      help: '1 while the consumer runs and no partition is stuck (as /health says)',
      registers,
      collect() {
        this.set(progress.report().healthy ? 1 : 0);
      },
    });
    new Gauge({
      name: 'faultline_consumer_last_commit_timestamp_seconds',
      help: 'When this instance last committed on each topic',
      labelNames: ['topic'],
      registers,
      collect() {
        this.reset();
        for (const [topic, health] of Object.entries(progress.report().topics)) {
          if (health.lastCommitAt) this.set({ topic }, Date.parse(health.lastCommitAt) / 1000);
        }
      },
    });
    const outbox = new OutboxBacklog(dataSource, publishedFromStore !== undefined);
    new Gauge({ name: 'faultline_outbox_waiting_rows', help: 'Outbox rows, and events of an event store relay, not yet published', registers, collect: async function () { this.set((await outbox.read()).waiting); } });
    new Gauge({ name: 'faultline_outbox_oldest_waiting_seconds', help: 'Age of the oldest unpublished outbox row or stored event (0 when none waits)', registers, collect: async function () { this.set((await outbox.read()).oldestSeconds); } });
  }

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status: String(status) }, seconds);
  }

  eventsAppended(type: string, count: number): void {
    this.appended.inc({ type }, count);
  }

  batchHandled(topic: string, size: number, seconds: number): void {
    this.batchSize.observe({ topic }, size);
    this.batchDuration.observe({ topic }, seconds);
  }

  deadLettered(topic: string, reason: string, count: number): void {
    this.deadLetters.inc({ topic, reason }, count);
  }

  published(topic: string, count: number): void {
    this.publishedRows.inc({ topic }, count);
  }
}

/**
 * What waits to be published: unpublished outbox rows, and the stored events an event store
 * relay has not published yet. The gauges of one scrape, read side by side, share one query.
 */
class OutboxBacklog {
  private pending?: Promise<{ waiting: number; oldestSeconds: number }>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly fromStore: boolean,
  ) {}

  read(): Promise<{ waiting: number; oldestSeconds: number }> {
    this.pending ??= this.query().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async query(): Promise<{ waiting: number; oldestSeconds: number }> {
    const storeBacklog = this.fromStore
      ? `UNION ALL SELECT recorded_at FROM event_store e WHERE ${notYetRelayed('e')}`
      : '';
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS waiting, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS oldest
         FROM (SELECT created_at FROM outbox WHERE published_at IS NULL ${storeBacklog}) waiting`,
    );
    return { waiting: row.waiting, oldestSeconds: row.oldest };
  }
}
