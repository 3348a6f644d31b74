import { pactWorkspace } from '@faultline/testing';
import { asynchronousBodyHandler, MatchersV3, MessageConsumerPact } from '@pact-foundation/pact';
import { CATALOGUE } from './catalogue';
import { RuntimeCommand, seededRandom, SimulatedRuntime } from './simulated-runtime';

/**
 * The flow runtime's side of flow.commands.v1, consumer-driven: what a runtime needs of each
 * command, proved by the simulated runtime acting on it. The pact is committed in
 * contracts/pacts/ for the errors app (and other teams) to verify against; this test fails while
 * the committed one differs (`npm run pacts:refresh` writes it).
 */
const { like, uuid, integer, timestamp } = MatchersV3;
const pacts = pactWorkspace('flow-runtime-faultline-errors.json');
const ISO = "yyyy-MM-dd'T'HH:mm:ss.SSSX";
const flow = CATALOGUE[0];
const step = flow.steps[2];

const pact = new MessageConsumerPact({ consumer: 'flow-runtime', provider: 'faultline-errors', dir: pacts.dir, logLevel: 'warn' });

const envelope = (type: string) => ({
  eventId: uuid('0f4cbbd1-7e61-4b0a-9c1e-6c3c6f0a8d31'),
  type,
  version: 1,
  occurredAt: timestamp(ISO, '2026-12-01T10:00:00.000Z'),
  accountId: like('acc-1'),
  correlationId: like('c0a8f1d2-1b2c-4d5e-8f90-123456789abc'),
  actor: like({ type: 'system', id: 'errors' }),
  aggregateId: like('agg-1'),
  aggregateVersion: integer(1),
});
const where = { integrationId: like(flow.integrationId), flowId: like(flow.flowId), flowStepId: like(step.flowStepId) };

/** The simulated runtime, told the command; `then` checks what it does about it. */
const runtime = () => new SimulatedRuntime({ accountId: 'acc-1', random: seededRandom(1), newId: () => '00000000-0000-4000-8000-000000000001', retrySuccess: 1 });

function expectCommand(description: string, content: object, then: (runtime: SimulatedRuntime, command: RuntimeCommand) => void, before?: (runtime: SimulatedRuntime, command: RuntimeCommand) => void) {
  return pact
    .given('the errors app publishes it')
    .expectsToReceive(description)
    .withContent(content)
    .withMetadata({ 'content-type': 'application/json', kafka_topic: 'flow.commands.v1' })
    .verify(
      asynchronousBodyHandler(async (body) => {
        const command = body as unknown as RuntimeCommand;
        const simulated = runtime();
        before?.(simulated, command);
        simulated.receive(command, new Date('2026-12-01T10:00:00.000Z'));
        then(simulated, command);
      }),
    );
}

const retried = (simulated: SimulatedRuntime) => simulated.runDueRetries(new Date('2026-12-01T11:00:00.000Z'));

describe('flow.commands.v1, as a flow runtime needs it', () => {
  it('RetryScheduled: an automatic retry to run from notBefore, as its attempt', () =>
    expectCommand(
      'RetryScheduled v1',
      {
        ...envelope('RetryScheduled'),
        data: { retryId: uuid(), ...where, runId: like('run-1'), failedEventId: uuid(), attempt: integer(2), firstAttemptAt: timestamp(ISO, '2026-12-01T09:59:00.000Z'), notBefore: timestamp(ISO, '2026-12-01T10:00:30.000Z') },
      },
      (simulated) => expect(retried(simulated)).toEqual([expect.objectContaining({ type: 'RetrySucceeded' })]),
    ));

  it("RetryRequested: a person's retry of an error, answered naming the error", () =>
    expectCommand(
      'RetryRequested v1',
      { ...envelope('RetryRequested'), data: { retryId: uuid(), errorId: uuid(), ...where, runId: like('run-1'), notBefore: timestamp(ISO, '2026-12-01T10:00:00.000Z') } },
      (simulated) => expect(retried(simulated)).toEqual([expect.objectContaining({ type: 'RetrySucceeded', data: expect.objectContaining({ errorId: expect.any(String) }) })]),
    ));

  it('RetryCancelled: a retry not to run', () =>
    expectCommand(
      'RetryCancelled v1',
      { ...envelope('RetryCancelled'), data: { retryId: uuid(), ...where } },
      (simulated) => expect(retried(simulated)).toEqual([]),
      // The retry it calls off was asked for first.
      (simulated, command) => {
        const { retryId } = command.data as { retryId: string };
        simulated.receive({ ...command, type: 'RetryRequested', data: { ...command.data, errorId: retryId, runId: 'run-1', notBefore: '2026-12-01T10:00:00.000Z' } } as RuntimeCommand, new Date());
      },
    ));

  it('AutomationDisabled: the flow stops until re-enabled', () =>
    expectCommand(
      'AutomationDisabled v1',
      { ...envelope('AutomationDisabled'), data: { ...where, errorId: uuid(), disableErrorDescription: like('Choose another board') } },
      (simulated) => expect(simulated.isDisabled(flow.flowId)).toBe(true),
    ));

  it('AutomationReenabled: the flow runs again', () =>
    expectCommand(
      'AutomationReenabled v1',
      { ...envelope('AutomationReenabled'), data: { integrationId: like(flow.integrationId), flowId: like(flow.flowId), reenabledBy: like({ type: 'user', id: 'usr-1' }) } },
      (simulated) => expect(simulated.isDisabled(flow.flowId)).toBe(false),
      // It was disabled before.
      (simulated, command) => simulated.receive({ ...command, type: 'AutomationDisabled', data: { ...command.data, flowStepId: step.flowStepId, errorId: command.eventId } } as RuntimeCommand, new Date()),
    ));
});

afterAll(() => pacts.checkCommitted());
