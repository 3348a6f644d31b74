/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are JSON the tests assert on */
import { Topics, UserInvitedV1 } from '@faultline/contracts';
import { loadServiceConfig } from '@faultline/platform';
import {
  eventually,
  KafkaTestClient,
  ManualClock,
  TEST_INTERNAL_API_KEY,
  testServiceEnvironment,
  TopicRecorder,
} from '@faultline/testing';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { startIdentityApp } from '../identity.app';
import { loadIdentityConfig } from '../identity.config';

export interface Response<T = any> {
  status: number;
  contentType: string | null;
  body: T;
}

/**
 * Identity running in-process against real PostgreSQL and Kafka, driven only through its HTTP
 * API and its published events, with a clock the test moves.
 */
export class IdentityTestHarness {
  readonly clock = new ManualClock(new Date());
  private app?: INestApplication;
  private kafka?: KafkaTestClient;
  private invitations?: TopicRecorder;
  baseUrl = '';

  async start(): Promise<this> {
    const env = await testServiceEnvironment('identity');
    const config = loadIdentityConfig(env);
    this.kafka = new KafkaTestClient(loadServiceConfig('identity', env).kafka.topicPrefix);
    this.invitations = await this.kafka.record(Topics.identityEvents);
    this.app = await startIdentityApp(config, { clock: this.clock, logLevels: ['error', 'fatal'] });
    this.baseUrl = await this.app.getUrl();
    return this;
  }

  async stop(): Promise<void> {
    await this.kafka?.close();
    await this.app?.close();
  }

  /** Every event identity published so far. */
  published<T = { type: string; data: Record<string, unknown> }>(): T[] {
    return this.invitations?.json<T>() ?? [];
  }

  async request<T = any>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
  }

  async createAccount(plan: 'free' | 'standard' | 'professional' | 'enterprise' = 'standard') {
    const owner = { email: `owner-${randomUUID()}@example.test`, name: 'Olga Owner', password: 'owner-password-1' };
    const created = await this.request('POST', '/internal/accounts', {
      headers: { 'x-internal-api-key': TEST_INTERNAL_API_KEY },
      body: { name: 'Acme', plan, owner },
    });
    if (created.status !== 201) throw new Error(`account not created: ${created.status} ${JSON.stringify(created.body)}`);
    const ownerToken = await this.signIn(owner.email, owner.password);
    return { accountId: created.body.accountId as string, owner, ownerToken };
  }

  async signIn(email: string, password: string): Promise<string> {
    const response = await this.request('POST', '/sign-in', { body: { email, password } });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.accessToken;
  }

  /** The token of the `nth` invitation email for `email` (default the first), from UserInvited. */
  async invitationToken(email: string, nth = 1): Promise<string> {
    const invited = await eventually(() => {
      const match = this.published<UserInvitedV1>().filter((event) => event.type === 'UserInvited' && event.data.email === email);
      if (match.length < nth) throw new Error(`${match.length} of ${nth} UserInvited for ${email} so far`);
      return match[nth - 1];
    });
    return new URLSearchParams(invited.data.acceptancePath.split('?')[1]).get('token') ?? '';
  }

  /** Invites and accepts: an active user of the account, signed in. */
  async addUser(inviterToken: string, role: 'admin' | 'member', access: Record<string, 'monitor' | 'manage'> = {}) {
    const email = `${role}-${randomUUID()}@example.test`;
    const invited = await this.request('POST', '/invitations', { token: inviterToken, body: { email, role, access } });
    if (invited.status !== 201) throw new Error(`invitation failed: ${invited.status} ${JSON.stringify(invited.body)}`);
    const token = await this.invitationToken(email);
    const accepted = await this.request('POST', '/invitations/accept', { body: { token, name: role, password: 'user-password-1' } });
    if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    return { email, userId: invited.body.userId as string, token: await this.signIn(email, 'user-password-1') };
  }
}
