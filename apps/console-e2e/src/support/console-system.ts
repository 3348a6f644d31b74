import { ErrorsPage, ErrorOccurredV2, Topics } from '@faultline/contracts';
import { buildServices, RunningSystem } from '@faultline/local-infra';
import { errorOccurred, eventually, IdentityApiClient, KafkaTestClient, MailCatcher, uniqueTopicPrefix } from '@faultline/testing';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './console-browser';

const CONSOLE_DIST = path.resolve(__dirname, '../../../../dist/apps/console');

type ReportData = Partial<ErrorOccurredV2['data']>;

/**
 * The system as `npm start` runs it (the services as built for production), the console's gateway in front, a real SMTP server catching
 * the emails (digests after one second), a runtime's topic to publish on, and a browser.
 */
export class ConsoleSystem {
  private constructor(
    readonly system: RunningSystem,
    readonly mail: MailCatcher,
    readonly kafka: KafkaTestClient,
    readonly browser: Browser,
    readonly identity: IdentityApiClient,
  ) {}

  static async start(): Promise<ConsoleSystem> {
    if (!fs.existsSync(path.join(CONSOLE_DIST, 'index.html'))) throw new Error(`the console is not built in ${CONSOLE_DIST}: run "npx nx run console:build" (npm test does)`);
    buildServices(() => undefined);
    const mail = await MailCatcher.start();
    const topicPrefix = uniqueTopicPrefix();
    const system = await RunningSystem.start(topicPrefix, {
      consoleDir: CONSOLE_DIST,
      runtime: 'built',
      env: { SMTP_URL: mail.url, DIGEST_WINDOW_MS: '1000', DIGEST_FLUSH_INTERVAL_MS: '200', ERROR_SUMMARY_WINDOW_MS: '1000' },
    });
    return new ConsoleSystem(system, mail, new KafkaTestClient(topicPrefix), await launchBrowser(), new IdentityApiClient(system.url('identity')));
  }

  get consoleUrl(): string {
    return this.system.consoleUrl!;
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await this.kafka.close();
    await this.system.stop();
    await this.mail.down();
  }

  /** A runtime reports failed steps for the account (version 2: with the names people know them by, where given). */
  async publish(accountId: string, data: ReportData[]): Promise<ErrorOccurredV2[]> {
    const reports = data.map(({ integrationName, flowName, flowStepName, ...overrides }): ErrorOccurredV2 => {
      const report = errorOccurred({ accountId, data: overrides });
      return { ...report, version: 2, data: { ...report.data, integrationName, flowName, flowStepName } };
    });
    await this.kafka.publish(
      Topics.flowErrors,
      reports.map((report) => ({ key: report.data.flowStepId, value: report })),
    );
    return reports;
  }

  /** The errors API's page for a query, once it holds `count` errors. */
  async errorsWhen(token: string, query: string, count: number): Promise<ErrorsPage> {
    return eventually(async () => {
      const page = (await (await fetch(`${this.system.url('errors')}/errors?${query}&limit=500`, { headers: { authorization: `Bearer ${token}` } })).json()) as ErrorsPage;
      expect(page.total).toBe(count);
      return page;
    }, 30_000);
  }

  /**
   * Once the assignment app has its copy of these errors (from errors.events.v1). Until then it
   * answers an assignment of them with a 404, and the errors list may already show them.
   */
  async assignableWhen(token: string, page: ErrorsPage): Promise<void> {
    await eventually(async () => {
      for (const { errorId } of page.items) {
        const response = await fetch(`${this.system.url('assignment')}/errors/${errorId}/assignments`, { headers: { authorization: `Bearer ${token}` } });
        expect(response.status).toBe(200);
      }
    }, 30_000);
  }

  /** A call to one service's API as a person (for setting a scene, not for what is under test). */
  async call<T>(service: 'errors' | 'assignment', token: string, method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.system.url(service)}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A member of the account with the given access, who accepted their invitation through the link emailed to them. */
  async member(ownerToken: string, name: string, access: Record<string, 'monitor' | 'manage'>) {
    const email = `${name.toLowerCase()}-${Date.now()}@example.test`;
    const password = `${name} has a long password`;
    const invited = await this.identity.request('POST', '/invitations', { token: ownerToken, body: { email, role: 'member', access } });
    if (invited.status !== 201) throw new Error(`invitation failed: ${JSON.stringify(invited.body)}`);
    const token = new URL(await this.linkIn(email, /\/invitations\/accept\?token=/)).searchParams.get('token')!;
    const accepted = await this.identity.request('POST', '/invitations/accept', { body: { token, name, password } });
    if (accepted.status !== 200) throw new Error(`acceptance failed: ${JSON.stringify(accepted.body)}`);
    return { email, password, name, userId: invited.body.userId as string, token: await this.identity.signIn(email, password) };
  }

  /** The first link to the console in the newest email to `recipient` matching `pattern`. */
  async linkIn(recipient: string, pattern: RegExp): Promise<string> {
    return eventually(() => {
      const links = this.mail.mails
        .filter((mail) => mail.to.includes(recipient))
        .flatMap((mail) => mail.text.match(/https?:\/\/\S+/g) ?? [])
        .filter((link) => link.startsWith(this.consoleUrl) && pattern.test(link));
      expect(links.length).toBeGreaterThan(0);
      return links[links.length - 1];
    }, 30_000);
  }
}
