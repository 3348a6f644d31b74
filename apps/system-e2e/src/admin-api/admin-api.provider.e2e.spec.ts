import { ErrorsPage, Topics } from '@faultline/contracts';
import { RunningSystem } from '@faultline/local-infra';
import { errorOccurred, eventually, IdentityApiClient, KafkaTestClient, uniqueTopicPrefix } from '@faultline/testing';
import { Verifier } from '@pact-foundation/pact';
import type { RequestHandler } from 'express';
import path from 'node:path';
import { ADMIN_TOOL, EXAMPLE, OPEN_ERROR, PLACE } from './admin-api.states';

/**
 * The running errors and assignment services honour the admin tool's pacts (contracts/pacts/),
 * called with a real machine API token of triage scope. Each interaction starts from one fresh
 * open error in the shared account, the only open one of its step.
 */
const pactFile = (provider: string) => path.resolve(__dirname, `../../../../contracts/pacts/${ADMIN_TOOL}-${provider}.json`);

describe('the admin API against the admin tool’s pacts', () => {
  const topicPrefix = uniqueTopicPrefix();
  const kafka = new KafkaTestClient(topicPrefix);
  let system: RunningSystem;
  let owner: { accountId: string; ownerUserId: string; ownerToken: string };
  let machineToken: string;

  const call = async (baseUrl: string, token: string, method: string, route: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${route}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  };
  const openErrorIds = async (): Promise<string[]> => {
    const query = new URLSearchParams({ status: 'open', integrationId: PLACE.integrationId, flowStepId: PLACE.flowStepId });
    return ((await call(system.url('errors'), owner.ownerToken, 'GET', `/errors?${query}`)).body as ErrorsPage).items.map((item) => item.errorId);
  };

  const resolveWhatIsOpen = async () => {
    const filter = { status: 'open', integrationId: PLACE.integrationId, flowStepId: PLACE.flowStepId };
    await call(system.url('errors'), owner.ownerToken, 'POST', '/errors/by-filter', { action: 'resolve', filter });
    await eventually(async () => expect(await openErrorIds()).toEqual([]));
  };

  /** One open error, known to both services, as the only open one of its step. */
  const anOpenError = async () => {
    await resolveWhatIsOpen();
    const report = errorOccurred({ accountId: owner.accountId, data: { ...PLACE, message: 'Customer is required', retryData: EXAMPLE.retryData } });
    await kafka.publish(Topics.flowErrors, [{ key: PLACE.flowStepId, value: report }]);
    const errorId = await eventually(async () => {
      const open = await openErrorIds();
      expect(open).toHaveLength(1);
      return open[0];
    }, 20_000);
    await eventually(async () => expect((await call(system.url('assignment'), machineToken, 'GET', `/errors/${errorId}/assignments`)).status).toBe(200), 20_000);
    return { errorId, userId: owner.ownerUserId };
  };
  /** The pact's example token is replaced by the real one, as a tool's configuration would. */
  const withMachineToken: RequestHandler = (request, _response, next) => {
    if (request.headers.authorization) request.headers.authorization = `Bearer ${machineToken}`;
    next();
  };

  const verify = (provider: 'errors' | 'assignment') =>
    new Verifier({
      provider: `faultline-${provider}`,
      providerBaseUrl: system.url(provider),
      pactUrls: [pactFile(`faultline-${provider}`)],
      requestFilter: withMachineToken,
      stateHandlers: { [OPEN_ERROR]: anOpenError },
      logLevel: 'warn',
    }).verifyProvider();

  beforeAll(async () => {
    system = await RunningSystem.start(topicPrefix);
    const identity = new IdentityApiClient(system.url('identity'));
    owner = await identity.createAccount('standard');
    const created = await call(system.url('identity'), owner.ownerToken, 'POST', '/api-tokens', { name: 'admin tool', scope: 'triage' });
    machineToken = created.body.token;
    // Each service learns of the account and the token from identity's events.
    for (const provider of ['errors', 'assignment'] as const) {
      const route = provider === 'errors' ? '/errors' : `/errors/${EXAMPLE.errorId}/assignments`;
      await eventually(async () => expect([200, 404]).toContain((await call(system.url(provider), machineToken, 'GET', route)).status), 20_000);
    }
  });

  afterAll(async () => {
    await kafka.close();
    await system?.stop();
  });

  it('the errors service: list, details, dry run, resolve and a refused id', () => verify('errors'));

  it('the assignment service: assign', () => verify('assignment'));
});
