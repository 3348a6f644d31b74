import { ErrorsPage, FlowView, Topics } from '@faultline/contracts';
import { RunningSystem } from '@faultline/local-infra';
import { CATALOGUE, RuntimeSimulator } from '@faultline/runtime-simulator';
import { errorOccurred, eventually, IdentityApiClient, KafkaTestClient, testInfrastructure, TopicRecorder, uniqueTopicPrefix } from '@faultline/testing';

/**
 * The simulated flow runtime drives the whole system as `npm start -- --simulate` does: its
 * traffic fills the Errors list and the monitor, it answers a person's retry, and it stops a
 * flow the errors app disabled until someone re-enables it.
 */
describe('the runtime simulator against the whole system', () => {
  const topicPrefix = uniqueTopicPrefix();
  const kafka = new KafkaTestClient(topicPrefix);
  let system: RunningSystem;
  let simulator: RuntimeSimulator;
  let reports: TopicRecorder;
  let account: Awaited<ReturnType<IdentityApiClient['createAccount']>>;
  const errors = (query = '') => call<ErrorsPage>('GET', `/errors?limit=500${query}`);

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${system.url('errors')}${path}`, {
      method,
      headers: { authorization: `Bearer ${account.ownerToken}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  beforeAll(async () => {
    system = await RunningSystem.start(topicPrefix);
    account = await new IdentityApiClient(system.url('identity')).createAccount('standard');
    reports = await kafka.record(Topics.flowErrors);
    simulator = new RuntimeSimulator({ brokers: testInfrastructure().kafkaBrokers, accountId: account.accountId, perSecond: 20, topicPrefix, seed: 11, retrySuccess: 1 });
    await simulator.start();
  });

  afterAll(async () => {
    await simulator?.stop();
    await kafka.close();
    await system?.stop();
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

  it("answers a person's retry: the runtime's RetrySucceeded resolves the error", async () => {
    const [open] = (await errors('&status=open')).items;
    await call('POST', '/errors/retry', { errorIds: [open.errorId] });
    await eventually(async () => expect((await call<{ error: { status: string; resolution: string } }>('GET', `/errors/${open.errorId}`)).error).toMatchObject({ status: 'resolved', resolution: 'retry_succeeded' }), 20_000);
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
    await eventually(() => expect(fromFlow()).toBeGreaterThan(stopped), 20_000);
  });
});
