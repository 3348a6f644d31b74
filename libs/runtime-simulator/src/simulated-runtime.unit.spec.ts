import { AutomationDisabledV1, parseEvent, RetryRequestedV1, RetryScheduledV1, Topics } from '@faultline/contracts';
import { CATALOGUE } from './catalogue';
import { RuntimeCommand, seededRandom, SimulatedRuntime } from './simulated-runtime';

const now = new Date('2026-12-01T10:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);
let ids = 0;
const newId = () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
const runtime = (options: { retrySuccess?: number; seed?: number } = {}) => new SimulatedRuntime({ accountId: 'acc-sim', random: seededRandom(options.seed ?? 7), newId, ...options });

const envelope = (type: string, accountId = 'acc-sim') => ({ eventId: newId(), type, version: 1, occurredAt: now.toISOString(), accountId, correlationId: newId(), actor: { type: 'system', id: 'errors' } });
const flow = CATALOGUE[0];
const disabled = (accountId = 'acc-sim') =>
  ({ ...envelope('AutomationDisabled', accountId), aggregateId: flow.flowId, aggregateVersion: 1, data: { integrationId: flow.integrationId, flowId: flow.flowId, flowStepId: flow.steps[0].flowStepId, errorId: newId() } }) as AutomationDisabledV1;
const retryRequested = (): RetryRequestedV1 =>
  ({ ...envelope('RetryRequested'), data: { retryId: newId(), errorId: newId(), integrationId: flow.integrationId, flowId: flow.flowId, flowStepId: 'import-sales-orders', runId: 'run-9', notBefore: now.toISOString(), retryDataKey: 'SO-1042' } }) as RetryRequestedV1;

describe('the simulated flow runtime', () => {
  it('reports failures and successes its contracts accept, across several integrations, flows and steps', () => {
    const reports = runtime().run(300, now);
    for (const report of reports) expect(parseEvent(Topics.flowErrors, JSON.stringify(report))).toMatchObject({ ok: true });
    const failures = reports.filter((report) => report.type === 'ErrorOccurred');
    expect(new Set(failures.map((report) => report.data.integrationId)).size).toBeGreaterThan(1);
    expect(new Set(failures.map((report) => report.data.flowStepId)).size).toBeGreaterThan(4);
    expect(new Set(failures.map((report) => report.data.httpStatus)).size).toBeGreaterThan(3);
    expect(failures.some((report) => report.data.severityCode === 4000)).toBe(true);
    expect(reports.some((report) => report.type === 'RecordSucceeded')).toBe(true);
  });

  it('the same seed replays the same traffic', () => {
    const messages = (seed: number) => runtime({ seed }).run(20, now).map((report) => report.type === 'ErrorOccurred' && report.data.message);
    expect(messages(42)).toEqual(messages(42));
    expect(messages(42)).not.toEqual(messages(43));
  });

  it('stops a flow the errors app disabled until it is re-enabled, and ignores other accounts', () => {
    const simulated = runtime();
    simulated.receive(disabled('acc-other') as RuntimeCommand, now);
    expect(simulated.isDisabled(flow.flowId)).toBe(false);
    // Failures of the flow first, so that some of its records could go through later.
    expect(simulated.run(300, now).some((report) => report.data.flowId === flow.flowId)).toBe(true);
    simulated.receive(disabled() as RuntimeCommand, now);
    expect(simulated.run(300, now).filter((report) => report.data.flowId === flow.flowId)).toEqual([]);
    simulated.receive({ ...envelope('AutomationReenabled'), aggregateId: flow.flowId, aggregateVersion: 2, data: { integrationId: flow.integrationId, flowId: flow.flowId, reenabledBy: { type: 'user', id: 'usr-1' } } } as RuntimeCommand, now);
    expect(simulated.run(200, now).some((report) => report.data.flowId === flow.flowId)).toBe(true);
  });

  it('runs a person’s retry when due and answers it: RetrySucceeded naming the error, or the same run failing again', () => {
    const succeeding = runtime({ retrySuccess: 1 });
    const asked = retryRequested();
    succeeding.receive(asked, now);
    expect(succeeding.runDueRetries(now)).toEqual([expect.objectContaining({ type: 'RetrySucceeded', data: expect.objectContaining({ retryId: asked.data.retryId, errorId: asked.data.errorId }) })]);
    expect(succeeding.runDueRetries(later(1_000))).toEqual([]);

    const failing = runtime({ retrySuccess: 0 });
    failing.receive(retryRequested(), now);
    expect(failing.runDueRetries(now)).toEqual([expect.objectContaining({ type: 'ErrorOccurred', data: expect.objectContaining({ runId: 'run-9', retryDataKey: 'SO-1042' }) })]);
  });

  it('waits for an automatic retry’s time, counts its attempt when it fails again, and drops a cancelled one', () => {
    const simulated = runtime({ retrySuccess: 0 });
    const scheduled = {
      ...envelope('RetryScheduled'),
      data: { retryId: newId(), integrationId: flow.integrationId, flowId: flow.flowId, flowStepId: 'import-sales-orders', runId: 'run-3', failedEventId: newId(), attempt: 3, firstAttemptAt: now.toISOString(), notBefore: later(30_000).toISOString() },
    } as RetryScheduledV1;
    simulated.receive(scheduled, now);
    expect(simulated.runDueRetries(later(29_000))).toEqual([]);
    expect(simulated.runDueRetries(later(30_000))).toEqual([expect.objectContaining({ data: expect.objectContaining({ runId: 'run-3', attempt: 3, firstAttemptAt: now.toISOString() }) })]);

    const cancelled = { ...scheduled, data: { ...scheduled.data, retryId: newId() } };
    simulated.receive(cancelled, now);
    simulated.receive({ ...envelope('RetryCancelled'), data: { retryId: cancelled.data.retryId, integrationId: flow.integrationId, flowId: flow.flowId, flowStepId: 'import-sales-orders' } } as RuntimeCommand, now);
    expect(simulated.runDueRetries(later(60_000))).toEqual([]);
  });
});
