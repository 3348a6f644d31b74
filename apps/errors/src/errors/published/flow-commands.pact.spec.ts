import { Topics } from '@faultline/contracts';
import type { StoredEvent } from '@faultline/eventing';
import { MessageProviderPact, providerWithMetadata } from '@pact-foundation/pact';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ErrorsServiceEvent } from '../stored-events';
import { publishedMessages } from './published-events';

/**
 * The errors app honours what flow runtimes need of flow.commands.v1 (the consumer pact the
 * runtime side wrote to contracts/pacts/): each command is made by the app's own mapping from
 * the domain event that causes it, exactly as the outbox publishes it.
 */
const PACT = path.resolve(__dirname, '../../../../../contracts/pacts/flow-runtime-faultline-errors.json');
const where = { integrationId: 'shopify-netsuite', flowId: 'orders-to-netsuite', flowStepId: 'import-sales-orders' };
const system = { type: 'system' as const, id: 'retry-policy' };

function published(event: ErrorsServiceEvent) {
  const stored: StoredEvent<ErrorsServiceEvent> = {
    event,
    streamId: `stream-${randomUUID()}`,
    streamVersion: 3,
    globalPosition: '42',
    metadata: { eventId: randomUUID(), accountId: 'acc-1', occurredAt: '2026-12-01T10:00:00.000Z', correlationId: randomUUID(), actor: system },
  };
  const command = publishedMessages(stored).find((message) => message.topic === Topics.flowCommands);
  if (!command) throw new Error(`${event.type} publishes nothing on ${Topics.flowCommands}`);
  return providerWithMetadata(() => command.value, { 'content-type': 'application/json', kafka_topic: Topics.flowCommands });
}

const retry = (kind: 'automatic' | 'manual'): ErrorsServiceEvent => ({
  type: 'RetryScheduled',
  data: {
    retryId: randomUUID(),
    kind,
    ...where,
    runId: 'run-1',
    notBefore: '2026-12-01T10:00:30.000Z',
    scheduledBy: system,
    ...(kind === 'manual'
      ? { errorId: randomUUID() }
      : { failure: { failedEventId: randomUUID(), attempt: 2, firstAttemptAt: '2026-12-01T09:59:00.000Z', message: 'Service unavailable', occurredAt: '2026-12-01T10:00:00.000Z' } }),
  },
});

describe('flow.commands.v1 against the flow runtime’s pact', () => {
  it('every command the runtime relies on is published as it expects', () =>
    new MessageProviderPact({
      provider: 'faultline-errors',
      pactUrls: [PACT],
      logLevel: 'warn',
      stateHandlers: { 'the errors app publishes it': () => Promise.resolve() },
      messageProviders: {
        'RetryScheduled v1': published(retry('automatic')),
        'RetryRequested v1': published(retry('manual')),
        'RetryCancelled v1': published({ type: 'RetryCancelled', data: { retryId: randomUUID(), ...where, cancelledBy: system, cancelledAt: '2026-12-01T10:00:10.000Z' } }),
        'AutomationDisabled v1': published({
          type: 'AutomationDisabled',
          data: { ...where, errorId: randomUUID(), disableErrorDescription: 'Choose another board', disabledAt: '2026-12-01T10:00:00.000Z' },
        }),
        'AutomationReenabled v1': published({
          type: 'AutomationReenabled',
          data: { integrationId: where.integrationId, flowId: where.flowId, reenabledBy: { type: 'user', id: 'usr-1' }, reenabledAt: '2026-12-01T10:05:00.000Z' },
        }),
      },
    }).verify());
});
