import { signAccessToken } from '@faultline/access';
import { ErrorAssignedV1, ErrorRecordedV1, ErrorUnassignedV1, Topics } from '@faultline/contracts';
import { consumerGroupId } from '@faultline/platform';
import {
  accountCreated,
  errorRecorded,
  eventually,
  invitationAccepted,
  KafkaTestClient,
  MailCatcher,
  ManualClock,
  TEST_JWT_SECRET,
  testServiceEnvironment,
  TopicRecorder,
} from '@faultline/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MAX_BACKOFF_MS } from '../emails/email-outcomes';
import { startNotificationsApp } from '../notifications.app';
import { loadNotificationsConfig, NotificationsConfig } from '../notifications.config';

/** The topics the notifications app consumes. */
const CONSUMED = [Topics.identityEvents, Topics.errorsEvents, Topics.assignmentEvents];

/**
 * The notifications service in-process against the real test infrastructure (PostgreSQL, the
 * Kafka-protocol broker, an SMTP server that keeps what it receives), fed with the events the
 * other services would publish, and asked over HTTP with access tokens. Its clock is the test's:
 * digest and summary windows (15 minutes, as configured by default) close when the test moves
 * it, after the service has handled everything published.
 */
export class NotificationsHarness {
  app!: INestApplication;
  readonly clock = new ManualClock(new Date());
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly config: NotificationsConfig,
    readonly kafka: KafkaTestClient,
    readonly mail: MailCatcher,
    readonly sent: TopicRecorder,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<NotificationsHarness> {
    const mail = await MailCatcher.start();
    const config = loadNotificationsConfig({ ...(await testServiceEnvironment('notifications')), SMTP_URL: mail.url, DIGEST_FLUSH_INTERVAL_MS: '100', ...env });
    const kafka = new KafkaTestClient(config.service.kafka.topicPrefix);
    const harness = new NotificationsHarness(config, kafka, mail, await kafka.record(Topics.notificationsEvents));
    await harness.restart();
    return harness;
  }

  /** Starts the service (again): everything it knows is in the database. */
  async restart(): Promise<void> {
    await this.app?.close();
    this.app = await startNotificationsApp(this.config, { logLevels: ['error', 'fatal'], clock: this.clock });
  }

  /** Once the service has handled every event published so far, moves time past every open window. */
  async closeWindows(): Promise<void> {
    await this.kafka.caughtUp(consumerGroupId(this.config.service), CONSUMED);
    this.clock.advance(Math.max(this.config.digest.windowMs, this.config.errorSummary.windowMs) + 1);
  }

  /** Moves time past any email's retry backoff. */
  passRetryBackoff(): void {
    this.clock.advance(MAX_BACKOFF_MS + 1);
  }

  /**
   * Waits until nothing is due: every window whose time came is flushed and every email due (or
   * taken by a sender) is sent or failed. Only then does "no email for X" mean something.
   */
  async nothingDue(): Promise<void> {
    await eventually(async () => {
      const [{ due }] = await this.app.get(DataSource).query(
        `SELECT (SELECT count(*) FROM digest_windows WHERE due_at <= $1) + (SELECT count(*) FROM emails WHERE status = 'pending' AND (next_attempt_at <= $1 OR claimed_until > $1)) AS due`,
        [this.clock.now()],
      );
      expect(Number(due)).toBe(0);
    });
  }

  async stop(): Promise<void> {
    await this.kafka?.close();
    await this.app?.close();
    await this.mail?.down();
  }

  /** An account whose users the service knows, with their email addresses: the owner, Bob and Carol (members who monitor int-1). */
  async newAccount() {
    const created = accountCreated();
    const { accountId } = created.data;
    const bob = invitationAccepted(accountId, { role: 'member', access: { 'int-1': 'monitor' } });
    const carol = invitationAccepted(accountId, { role: 'member', access: { 'int-1': 'monitor' } });
    await this.kafka.publish(Topics.identityEvents, [created, bob, carol].map((value) => ({ key: accountId, value })));
    const owner = { userId: created.data.ownerUserId, email: created.data.ownerEmail };
    return { accountId, owner, bob: bob.data, carol: carol.data };
  }

  async errors(accountId: string, count: number, data: Partial<ErrorRecordedV1['data']> = {}): Promise<string[]> {
    const recorded = Array.from({ length: count }, (_, index) => errorRecorded(accountId, { message: `Failure number ${index + 1}`, ...data }));
    await this.kafka.publish(Topics.errorsEvents, recorded.map((value) => ({ key: value.data.errorId, value })));
    return recorded.map((event) => event.data.errorId);
  }

  /** Waits until the service holds these errors' details: emails sent at once (invitations) name only what it holds. */
  async errorsKnown(errorIds: string[]): Promise<void> {
    await eventually(async () => {
      const [{ known }] = await this.app.get(DataSource).query('SELECT count(*)::int AS known FROM notify_errors WHERE error_id = ANY($1::uuid[])', [errorIds]);
      expect(known).toBe(errorIds.length);
    });
  }

  /** The envelope of the next event of an error's stream, as the errors or assignment app would write it. */
  envelope(accountId: string, aggregateId: string, actor: string) {
    const version = (this.versions.get(aggregateId) ?? 1) + 1;
    this.versions.set(aggregateId, version);
    return {
      eventId: randomUUID(),
      version: 1 as const,
      occurredAt: new Date().toISOString(),
      accountId,
      aggregateId,
      aggregateVersion: version,
      correlationId: randomUUID(),
      actor: { type: 'user' as const, id: actor },
    };
  }

  assigned(accountId: string, errorId: string, assigneeUserId: string, by: string): ErrorAssignedV1 {
    return {
      ...this.envelope(accountId, errorId, by),
      type: 'ErrorAssigned',
      data: { assignmentId: randomUUID(), errorId, assigneeUserId, assignedBy: { type: 'user', id: by }, selfAssigned: assigneeUserId === by, cause: 'manual' },
    };
  }

  unassigned(accountId: string, errorId: string, previousAssigneeUserId: string, by: string): ErrorUnassignedV1 {
    return { ...this.envelope(accountId, errorId, by), type: 'ErrorUnassigned', data: { errorId, previousAssigneeUserId, unassignedBy: { type: 'user', id: by } } };
  }

  publishAssignments(...events: Array<ErrorAssignedV1 | ErrorUnassignedV1>): Promise<void> {
    return this.kafka.publish(Topics.assignmentEvents, events.map((value) => ({ key: value.data.errorId, value })));
  }

  /** Events of errors.events.v1, keyed by the error as the errors app publishes them. */
  publishErrorEvents(...events: Array<{ data: { errorId: string } }>): Promise<void> {
    return this.kafka.publish(Topics.errorsEvents, events.map((value) => ({ key: value.data.errorId, value })));
  }

  async request(method: string, path: string, user: { userId: string; accountId: string; role: 'owner' | 'admin' | 'member' }, body?: unknown) {
    const token = signAccessToken(user, TEST_JWT_SECRET, 600);
    const response = await fetch(`${await this.app.getUrl()}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
  }
}
