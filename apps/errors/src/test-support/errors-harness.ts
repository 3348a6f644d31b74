import { signAccessToken } from '@faultline/access';
import { ErrorsPage, Topics } from '@faultline/contracts';
import { accountCreated, eventually, invitationAccepted, KafkaTestClient, TEST_JWT_SECRET, testServiceEnvironment } from '@faultline/testing';
import { notYetRelayed } from '@faultline/eventing';
import type { Clock } from '@faultline/platform';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { startErrorsApp } from '../errors.app';
import { ErrorsConfig, loadErrorsConfig } from '../errors.config';

export interface ApiAnswer {
  status: number;
  contentType: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests assert the shape
  body: any;
  text: string;
}

/**
 * The errors service in-process against real PostgreSQL and Kafka, with what its tests do
 * through its two doors: reports on Kafka and the admin API over HTTP.
 */
export class ErrorsHarness {
  private constructor(
    readonly app: INestApplication,
    readonly kafka: KafkaTestClient,
    readonly baseUrl: string,
    readonly config: ErrorsConfig,
  ) {}

  static async start(options: { env?: Record<string, string>; clock?: Clock } = {}): Promise<ErrorsHarness> {
    const config = loadErrorsConfig({ ...(await testServiceEnvironment('errors')), ...options.env });
    const kafka = new KafkaTestClient(config.service.kafka.topicPrefix);
    const app = await startErrorsApp(config, { logLevels: ['error', 'fatal'], clock: options.clock });
    return new ErrorsHarness(app, kafka, await app.getUrl(), config);
  }

  async close(): Promise<void> {
    await this.kafka.close();
    await this.app.close();
  }

  /** A new account as identity would announce it, and its owner's access token once the service knows it. */
  async newAccount(): Promise<{ accountId: string; ownerToken: string; ownerUserId: string }> {
    const created = accountCreated();
    const { accountId, ownerUserId } = created.data;
    await this.kafka.publish(Topics.identityEvents, [{ key: accountId, value: created }]);
    const ownerToken = signAccessToken({ userId: ownerUserId, accountId, role: 'owner' }, TEST_JWT_SECRET, 600);
    await eventually(async () => expect((await this.request('GET', '/errors', ownerToken)).status).toBe(200));
    return { accountId, ownerToken, ownerUserId };
  }

  /** A user who accepted an invitation, with their token once the service knows them. */
  async newUser(accountId: string, user: Parameters<typeof invitationAccepted>[1]): Promise<{ userId: string; token: string }> {
    const accepted = invitationAccepted(accountId, user);
    await this.kafka.publish(Topics.identityEvents, [{ key: accountId, value: accepted }]);
    const token = signAccessToken({ userId: accepted.data.userId, accountId, role: user.role }, TEST_JWT_SECRET, 600);
    await eventually(async () => expect((await this.request('GET', '/errors', token)).status).toBe(200));
    return { userId: accepted.data.userId, token };
  }

  async request(method: string, path: string, token?: string, body?: unknown): Promise<ApiAnswer> {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    return { status: response.status, contentType, text, body: /json/.test(contentType ?? '') && text ? JSON.parse(text) : undefined };
  }

  async list(token: string, query = ''): Promise<ErrorsPage> {
    const { status, body } = await this.request('GET', `/errors?${query}`, token);
    expect(status).toBe(200);
    return body as ErrorsPage;
  }

  /** Waits until the event store relay has published every stored event (the purge waits for it too). */
  async everythingPublished(): Promise<void> {
    const unpublished = `SELECT count(*)::int AS events FROM event_store e WHERE ${notYetRelayed('e')}`;
    await eventually(async () => expect(await this.app.get(DataSource).query(unpublished)).toEqual([{ events: 0 }]));
  }

  /** Runtime reports on flow.errors.v1, keyed by flow step as runtimes key them. */
  publishReports(...reports: Array<{ data?: { flowStepId?: string } } | string>) {
    return this.kafka.publish(
      Topics.flowErrors,
      reports.map((value) => ({ key: typeof value === 'string' ? 'step-1' : (value.data?.flowStepId ?? 'step-1'), value })),
    );
  }
}
