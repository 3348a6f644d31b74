import { ErrorsPage, FlowView, Topics } from '@faultline/contracts';
import { RunningSystem } from '@faultline/local-infra';
import { CATALOGUE, RuntimeSimulator } from '@faultline/runtime-simulator';
import { errorOccurred, eventually, IdentityApiClient, KafkaTestClient, MailCatcher, testInfrastructure, TopicRecorder, uniqueTopicPrefix } from '@faultline/testing';

/**
 * The simulated flow runtime drives the whole system as `npm start -- --simulate` does: its
 * traffic fills the Errors list and the monitor, its severe failures are emailed, an error of it
 * assigned to someone reaches them in a digest, it answers a person's retry, and it stops a flow
 * the errors app disabled until someone re-enables it. (Digest windows are one second here.)
 */
describe('the runtime simulator against the whole system', () => {
  const topicPrefix = uniqueTopicPrefix();
  const kafka = new KafkaTestClient(topicPrefix);
  let system: RunningSystem;
  let simulator: RuntimeSimulator;
  let reports: TopicRecorder;
  let account: Awaited<ReturnType<IdentityApiClient['createAccount']>>;
  let identity: IdentityApiClient;
  let mail: MailCatcher;
  const errors = (query = '') => call<ErrorsPage>('GET', `/errors?limit=500${query}`);

  async function call<T>(method: string, path: string, body?: unknown, service: 'errors' | 'assignment' = 'errors'): Promise<T> {
    const response = await fetch(`${system.url(service)}${path}`, {
      method,
      headers: { authorization: `Bearer ${account.ownerToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    mail = await MailCatcher.start();
    system = await RunningSystem.start(topicPrefix, { env: { SMTP_URL: mail.url, DIGEST_WINDOW_MS: '1000', DIGEST_FLUSH_INTERVAL_MS: '200' } });
    identity = new IdentityApiClient(system.url('identity'), await kafka.record(Topics.identityEvents));
    account = await identity.createAccount('standard');
    reports = await kafka.record(Topics.flowErrors);
    simulator = new RuntimeSimulator({ brokers: testInfrastructure().kafkaBrokers, accountId: account.accountId, perSecond: 20, topicPrefix, seed: 11, retrySuccess: 1 });
    await simulator.start();
  });

  afterAll(async () => {
    await simulator?.stop();
    await kafka.close();
    await system?.stop();
    await mail?.down();
  });

  it('fills the Errors list and the monitor with several integrations, flows and steps', async () => {
    const page = await eventually(async () => {
      const listed = await errors();
      expect(listed.total).toBeGreaterThan(30);
      return listed;
    }, 30_000);
    expect(new Set(page.items.map((error) => error.integrationId))).toEqual(new Set(CATALOGUE.map((flow) => flow.integrationId)));
    expect(new Set(page.items.map((error) => error.flowStepId)).size).toBeGreaterThan(3);
    const monitor = await call<{ integrations: Array<{ integrationId: string; open: number }> }>('GET', '/monitor');
    expect(monitor.integrations.map((integration) => integration.integrationId).sort()).toEqual([...new Set(CATALOGUE.map((flow) => flow.integrationId))].sort());
  });

  it('emails the owner when the runtime reports a failed run with severity 4000, under its title', async () => {
    await eventually(() => expect(mail.to(account.owner.email).map((email) => email.subject)).toContain('Price list mismatch'), 60_000);
  });

  it('sends a digest to whoever an error of its traffic is assigned to, naming where it failed', async () => {
    const colleague = await identity.addUser(account.ownerToken, 'admin');
    const [open] = (await errors('&status=open')).items;
    await eventually(() => call('POST', '/assignments', { errorIds: [open.errorId], assigneeUserId: colleague.userId }, 'assignment'), 20_000);
    const [digest] = await eventually(() => {
      // Their invitation was emailed too.
      const digests = mail.to(colleague.email).filter((email) => /assigned to you/.test(email.subject));
      expect(digests).toHaveLength(1);
      return digests;
    }, 30_000);
    expect(digest.text).toContain(open.errorId);
    expect(digest.text).toContain(CATALOGUE.find((flow) => flow.flowId === open.flowId)!.flowName);
  });

  it("answers a person's retry: the runtime's RetrySucceeded resolves the error", async () => {
    // A flow its own 6000s may disable runs no retries until re-enabled: one that never is.
    const neverDisabled = CATALOGUE.filter((flow) => !flow.steps.some((step) => step.failures.some((failure) => failure.severity?.code === 6000)));
    const [open] = (await errors('&status=open')).items.filter((error) => neverDisabled.some((flow) => flow.flowId === error.flowId));
    await call('POST', '/errors/retry', { errorIds: [open.errorId] });
    await eventually(async () => expect((await call<{ error: { status: string; resolution: string } }>('GET', `/errors/${open.errorId}`)).error).toMatchObject({ status: 'resolved', resolution: 'retry_succeeded' }), 60_000);
  });

  it('stops a flow a 6000 disabled, while the others go on, until someone re-enables it', async () => {
    const { integrationId, flowId, steps } = CATALOGUE[2];
    const fromFlow = () => reports.json<{ accountId: string; data: { flowId: string } }>().filter((report) => report.accountId === account.accountId && report.data.flowId === flowId).length;
    const fromOthers = () => reports.json<{ accountId: string; data: { flowId: string } }>().filter((report) => report.accountId === account.accountId && report.data.flowId !== flowId).length;
    const severe = errorOccurred({ accountId: account.accountId, data: { integrationId, flowId, flowStepId: steps[1].flowStepId, stepType: 'custom_action', httpStatus: 410, severityCode: 6000, message: 'The board was deleted' } });
    await kafka.publish(Topics.flowErrors, [{ key: severe.data.flowStepId, value: severe }]);
    await eventually(() => expect(simulator.isDisabled(flowId)).toBe(true), 20_000);

    // What was in flight when the command arrived has landed; then three seconds of traffic.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const [stopped, others] = [fromFlow(), fromOthers()];
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(fromOthers()).toBeGreaterThan(others + 20);
    expect(fromFlow()).toBe(stopped);

    expect(await call<FlowView>('POST', `/integrations/${integrationId}/flows/${flowId}/enable`)).toMatchObject({ disabled: false });
    // The re-enabling travels through the errors app's relay and the simulator's consumer: on a
    // loaded 2-core machine that once took over 20 s.
    await eventually(() => expect(fromFlow()).toBeGreaterThan(stopped), 60_000);
  });
});
