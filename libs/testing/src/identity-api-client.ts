/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are JSON the tests assert on */
import type { UserInvitedV1 } from '@faultline/contracts';
import { randomUUID } from 'node:crypto';
import { eventually } from './eventually';
import type { TopicRecorder } from './kafka-test-client';
import { TEST_INTERNAL_API_KEY, TEST_INVITATION_LINK_KEY } from './test-environment';
import { SealedText } from '@faultline/contracts';

export interface ApiResponse<T = any> {
  status: number;
  contentType: string | null;
  body: T;
}

type Plan = 'free' | 'standard' | 'professional' | 'enterprise';

/**
 * Drives identity the way its users do: HTTP for requests, and identity.events.v1 for what an
 * invitee would read in their email (the acceptance link).
 */
export class IdentityApiClient {
  constructor(
    public baseUrl: string,
    private identityEvents?: TopicRecorder,
  ) {}

  protected watch(baseUrl: string, identityEvents: TopicRecorder): void {
    this.baseUrl = baseUrl;
    this.identityEvents = identityEvents;
  }

  /** Every event identity published so far. */
  published<T = { type: string; data: Record<string, unknown> }>(): T[] {
    return this.identityEvents?.json<T>() ?? [];
  }

  async request<T = any>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
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

  async createAccount(plan: Plan = 'standard') {
    const owner = { email: `owner-${randomUUID()}@example.test`, name: 'Olga Owner', password: 'owner-password-1' };
    const created = await this.request('POST', '/internal/accounts', {
      headers: { 'x-internal-api-key': TEST_INTERNAL_API_KEY },
      body: { name: 'Acme', plan, owner },
    });
    if (created.status !== 201) throw new Error(`account not created: ${created.status} ${JSON.stringify(created.body)}`);
    const ownerToken = await this.signIn(owner.email, owner.password);
    return { accountId: created.body.accountId as string, ownerUserId: created.body.ownerUserId as string, owner, ownerToken };
  }

  async signIn(email: string, password: string): Promise<string> {
    const response = await this.request('POST', '/sign-in', { body: { email, password } });
    if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.accessToken;
  }

  /** The token of the `nth` invitation email for `email` (default the first), opened from UserInvited as the notifications app does. */
  async invitationToken(email: string, nth = 1): Promise<string> {
    const invited = await eventually(() => {
      const match = this.published<UserInvitedV1>().filter((event) => event.type === 'UserInvited' && event.data.email === email);
      if (match.length < nth) throw new Error(`${match.length} of ${nth} UserInvited for ${email} so far`);
      return match[nth - 1];
    });
    return invited.data.sealedToken ? new SealedText(TEST_INVITATION_LINK_KEY).unseal(invited.data.sealedToken) : '';
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
