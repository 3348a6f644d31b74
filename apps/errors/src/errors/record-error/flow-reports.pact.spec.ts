import { parseEvent, Topics } from '@faultline/contracts';
import { pactWorkspace } from '@faultline/testing';
import { asynchronousBodyHandler, MatchersV3, MessageConsumerPact } from '@pact-foundation/pact';
import { failedAttempt, PublishedFlowReport, toOccurrence, upcastFlowReport } from './flow-report';
import { repairedReport } from './report-repair';

/**
 * What the errors app needs of the reports flow runtimes publish on flow.errors.v1,
 * consumer-driven: each report must pass the contract, read as the current version, and become
 * what ingest decides on. Committed in contracts/pacts/ for runtime teams to verify (the
 * simulated runtime does, in libs/runtime-simulator); stale-checked like the other pacts.
 */
const { like, uuid, integer, timestamp } = MatchersV3;
const pacts = pactWorkspace('faultline-errors-flow-runtime.json');
const ISO = "yyyy-MM-dd'T'HH:mm:ss.SSSX";

const pact = new MessageConsumerPact({ consumer: 'faultline-errors', provider: 'flow-runtime', dir: pacts.dir, logLevel: 'warn' });

const envelope = (type: string, version: number) => ({
  eventId: uuid('6d0c2a5e-2f8e-4c55-9a41-0a5d3f3b7c11'),
  type,
  version,
  occurredAt: timestamp(ISO, '2026-12-01T10:00:00.000Z'),
  accountId: like('acc-1'),
  correlationId: like('5b0f7c4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f'),
  actor: like({ type: 'system', id: 'runtime-1' }),
});
const where = { integrationId: like('shopify-netsuite'), flowId: like('orders-to-netsuite'), flowStepId: like('import-sales-orders') };

/** Read as ingest reads it: the contract, the current version, storable text, the occurrence. */
async function ingests(body: unknown): Promise<void> {
  const checked = parseEvent(Topics.flowErrors, JSON.stringify(body));
  if (!checked.ok) throw new Error(checked.reason);
  const { report } = repairedReport(upcastFlowReport(checked.value as PublishedFlowReport));
  if (report.type === 'ErrorOccurred') {
    toOccurrence(report);
    failedAttempt(report);
  }
}

function expectReport(description: string, content: object) {
  return pact
    .given('a flow runs')
    .expectsToReceive(description)
    .withContent(content)
    .withMetadata({ 'content-type': 'application/json', kafka_topic: 'flow.errors.v1' })
    .verify(asynchronousBodyHandler(ingests));
}

describe('flow.errors.v1, as the errors app needs it', () => {
  it('ErrorOccurred v2: a failed step with its names, HTTP status, retry data key and trace key', () =>
    expectReport('ErrorOccurred v2', {
      ...envelope('ErrorOccurred', 2),
      data: {
        ...where,
        integrationName: like('Shopify ↔ NetSuite'),
        flowName: like('Orders to NetSuite'),
        flowStepName: like('Import sales orders'),
        stepType: like('import'),
        runId: like('run-1'),
        message: like('Customer on order SO-1042 is missing a billing address'),
        httpStatus: integer(422),
        retryDataKey: like('SO-1042'),
        traceKey: like('orders-to-netsuite/SO-1042'),
      },
    }));

  it('ErrorOccurred v1: an older runtime’s report, read as a v2 without names', () =>
    expectReport('ErrorOccurred v1', { ...envelope('ErrorOccurred', 1), data: { ...where, stepType: like('import'), runId: like('run-1'), message: like('Timed out') } }));

  it('RetrySucceeded: a retry the errors app asked for went through', () =>
    expectReport('RetrySucceeded v1', { ...envelope('RetrySucceeded', 1), data: { ...where, runId: like('run-1'), retryId: uuid(), errorId: uuid() } }));

  it('RecordSucceeded: a record went through the step', () =>
    expectReport('RecordSucceeded v1', { ...envelope('RecordSucceeded', 1), data: { ...where, runId: like('run-2'), traceKey: like('orders-to-netsuite/SO-1042') } }));
});

afterAll(() => pacts.checkCommitted());
