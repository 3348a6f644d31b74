import type { RetryRequestedV1 } from '@faultline/contracts';
import { MessageProviderPact, providerWithMetadata } from '@pact-foundation/pact';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { CATALOGUE } from './catalogue';
import { RuntimeReport, seededRandom, SimulatedRuntime } from './simulated-runtime';

/**
 * The simulated runtime as a provider of flow.errors.v1: it honours the errors app's pact
 * (contracts/pacts/faultline-errors-flow-runtime.json) with reports it really makes, as a
 * runtime team would verify theirs.
 */
const PACT = path.resolve(__dirname, '../../../contracts/pacts/faultline-errors-flow-runtime.json');
const now = new Date('2026-12-01T10:00:00.000Z');
const runtime = (reportVersion: 1 | 2 = 2) => new SimulatedRuntime({ accountId: 'acc-1', random: seededRandom(3), newId: randomUUID, retrySuccess: 1, reportVersion });

/** The first report of this kind the runtime makes. */
function first(reports: RuntimeReport[], fits: (report: RuntimeReport) => boolean): RuntimeReport {
  const found = reports.find(fits);
  if (!found) throw new Error('the simulated runtime made no such report');
  return found;
}

const message = (make: () => RuntimeReport) => providerWithMetadata(make, { 'content-type': 'application/json', kafka_topic: 'flow.errors.v1' });
const failedWithStatus = (report: RuntimeReport) => report.type === 'ErrorOccurred' && report.data.httpStatus !== undefined;

function retrySucceeded(): RuntimeReport {
  const simulated = runtime();
  const { integrationId, flowId, steps } = CATALOGUE[0];
  const requested = {
    eventId: randomUUID(), type: 'RetryRequested', version: 1, occurredAt: now.toISOString(), accountId: 'acc-1', correlationId: randomUUID(), actor: { type: 'system', id: 'errors' },
    data: { retryId: randomUUID(), errorId: randomUUID(), integrationId, flowId, flowStepId: steps[2].flowStepId, runId: 'run-1', notBefore: now.toISOString() },
  } as RetryRequestedV1;
  simulated.receive(requested, now);
  return simulated.runDueRetries(now)[0];
}

describe('the simulated flow runtime against the errors app’s pact', () => {
  it('makes every report the errors app relies on, as it expects', () =>
    new MessageProviderPact({
      provider: 'flow-runtime',
      pactUrls: [PACT],
      logLevel: 'warn',
      stateHandlers: { 'a flow runs': () => Promise.resolve() },
      messageProviders: {
        'ErrorOccurred v2': message(() => first(runtime().run(200, now), failedWithStatus)),
        'ErrorOccurred v1': message(() => first(runtime(1).run(200, now), (report) => report.type === 'ErrorOccurred')),
        'RetrySucceeded v1': message(retrySucceeded),
        'RecordSucceeded v1': message(() => first(runtime().run(400, now), (report) => report.type === 'RecordSucceeded')),
      },
    }).verify());
});
