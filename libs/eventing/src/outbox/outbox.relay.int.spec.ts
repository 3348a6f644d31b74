import { ErrorRecordedV1, Topics } from '@faultline/contracts';
import { eventually } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import { EVENTING_MIGRATIONS } from '../database/eventing-migrations';
import { OutboxRelay } from './outbox.relay';
import { OutboxMessage, OutboxWriter } from './outbox.writer';
import { relayTestBed } from './relay-test-bed';

const bed = relayTestBed('outbox', EVENTING_MIGRATIONS);

const startRelay = () => {
  const relay = bed.tracked(new OutboxRelay(bed.dataSource, bed.producer, bed.topics, { batchSize: 50, pollIntervalMs: 20, log: () => undefined }));
  relay.start();
  return relay;
};

function errorRecorded(errorId: string): OutboxMessage {
  const value: ErrorRecordedV1 = {
    eventId: randomUUID(),
    type: 'ErrorRecorded',
    version: 1,
    occurredAt: new Date().toISOString(),
    accountId: 'acc-1',
    aggregateId: errorId,
    aggregateVersion: 1,
    correlationId: randomUUID(),
    actor: { type: 'system', id: 'test' },
    data: {
      errorId,
      integrationId: 'int-1',
      flowId: 'flow-1',
      flowStepId: 'step-1',
      stepType: 'import',
      runId: 'run-1',
      message: 'failed',
      errorClass: 'unknown',
      severity: 'none',
      occurredAt: new Date().toISOString(),
    },
  };
  return { topic: Topics.errorsEvents, key: errorId, value };
}

const writeOutbox = (messages: OutboxMessage[]) =>
  bed.dataSource.transaction((manager) => new OutboxWriter().enqueue(manager, messages));

const unpublishedCount = async () =>
  Number((await bed.dataSource.query('SELECT count(*) FROM outbox WHERE published_at IS NULL'))[0].count);

describe('the outbox relay', () => {
  it('publishes every row exactly once, by event id, even when it is stopped and restarted midway', async () => {
    const recorder = await bed.kafka.record(Topics.errorsEvents);
    const messages = Array.from({ length: 600 }, () => errorRecorded(randomUUID()));
    await writeOutbox(messages);

    const first = startRelay();
    await eventually(async () => expect(await unpublishedCount()).toBeLessThan(600), 20_000, 5);
    await first.stop();
    expect(await unpublishedCount()).toBeGreaterThan(0);
    startRelay();
    await eventually(async () => expect(await unpublishedCount()).toBe(0));

    await recorder.waitFor(600);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const eventIds = recorder.json<{ eventId: string }>().map((event) => event.eventId);
    expect(eventIds).toHaveLength(600);
    expect(new Set(eventIds)).toEqual(new Set(messages.map((message) => message.value.eventId)));
  });

  it('keeps the order of one key when two relays run against the same database', async () => {
    const recorder = await bed.kafka.record(Topics.errorsEvents);
    const errorId = randomUUID();
    const messages = Array.from({ length: 200 }, () => errorRecorded(errorId));
    for (const part of [messages.slice(0, 100), messages.slice(100)]) await writeOutbox(part);

    startRelay();
    startRelay();
    await eventually(async () => expect(await unpublishedCount()).toBe(0));

    await eventually(() => {
      const forKey = recorder.messages.filter((message) => message.key === errorId);
      expect(forKey).toHaveLength(200);
      expect(forKey.map((message) => JSON.parse(message.value).eventId)).toEqual(messages.map((m) => m.value.eventId));
    });
  });

  it('refuses to write an event that breaks its published contract', async () => {
    const broken = errorRecorded(randomUUID());
    (broken.value.data as { stepType: string }).stepType = 'teleport';

    await expect(writeOutbox([broken])).rejects.toThrow(/breaks its contract at \/data\/stepType/);
  });
});
