import { ErrorRecordedV1, Topics } from '@faultline/contracts';
import { eventually } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import { EVENTING_MIGRATIONS } from '../database/eventing-migrations';
import { StoreRelay1732300002300 } from '../database/store-relay.migration';
import type { NewEvent, StoredEvent } from '../event-store/event-store.types';
import { PostgresEventStore } from '../event-store/postgres-event-store';
import { EventStoreRelay } from './event-store.relay';
import { PublishedFromStore } from './published-from-store';
import type { OutboxMessage } from './outbox.writer';
import { relayTestBed } from './relay-test-bed';

type Noted = { type: 'Noted'; data: { text: string } };

const store = new PostgresEventStore();
const bed = relayTestBed('store_relay', [...EVENTING_MIGRATIONS, StoreRelay1732300002300]);

/** Each event is published as an ErrorRecorded of its stream with its text as the message; a "secret" as nothing. */
function published(stored: StoredEvent, message = (stored.event as Noted).data.text): OutboxMessage[] {
  if (message === 'secret') return [];
  const { eventId, correlationId, occurredAt } = stored.metadata;
  const errorId = stored.streamId;
  const value: ErrorRecordedV1 = {
    eventId, type: 'ErrorRecorded', version: 1, occurredAt, accountId: 'acc-1', aggregateId: errorId, aggregateVersion: stored.streamVersion, correlationId,
    actor: { type: 'system', id: 'test' },
    data: { errorId, integrationId: 'int-1', flowId: 'flow-1', flowStepId: 'step-1', stepType: 'import', runId: 'run-1', message, errorClass: 'unknown', severity: 'none', occurredAt },
  };
  return [{ topic: Topics.errorsEvents, key: errorId, value }];
}

const relay = (publication = new PublishedFromStore(published)) =>
  bed.tracked(new EventStoreRelay(bed.dataSource, store, publication, bed.producer, bed.topics, { batchSize: 50, pollIntervalMs: 20, log: () => undefined }));

const noted = (text: string): NewEvent<Noted> => ({
  event: { type: 'Noted', data: { text } },
  metadata: { eventId: randomUUID(), accountId: 'acc-1', occurredAt: new Date().toISOString(), correlationId: randomUUID(), actor: { type: 'system', id: 'test' } },
});

const append = (streamId: string, expectedVersion: number, texts: string[]) =>
  bed.dataSource.transaction((manager) => store.append<Noted>(manager, [{ streamId, expectedVersion, events: texts.map(noted) }]));

const textsOf = (kafkaMessages: Array<{ key: string | null; value: string }>, streamId: string) =>
  kafkaMessages.filter((message) => message.key === streamId).map((message) => (JSON.parse(message.value) as ErrorRecordedV1).data.message);

describe('the event store relay', () => {
  it('publishes what each stored event maps to, once, in order, and goes on from where it stopped', async () => {
    const recorder = await bed.kafka.record(Topics.errorsEvents);
    const streamId = randomUUID();
    const texts = Array.from({ length: 300 }, (_, index) => `note ${index}`);
    let version = 0;
    for (let start = 0; start < texts.length; start += 60) version += (await append(streamId, version, [...texts.slice(start, start + 60), 'secret'])).length;

    const first = relay();
    first.start();
    await eventually(() => expect(textsOf(recorder.messages, streamId).length).toBeGreaterThan(0), 20_000, 5);
    await first.stop();
    relay().start();

    await eventually(() => expect(textsOf(recorder.messages, streamId)).toHaveLength(300));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(textsOf(recorder.messages, streamId)).toEqual(texts);
  });

  it('sends what this process handed over as it was handed over, and maps from the store only what it did not', async () => {
    const recorder = await bed.kafka.record(Topics.errorsEvents);
    const streamId = randomUUID();
    const stored = await append(streamId, 0, ['first', 'second', 'third']);
    const publication = new PublishedFromStore(published);
    await bed.dataSource.transaction((manager) => publication.handOver(manager, [stored[0], stored[2]].map((event) => ({ eventId: event.metadata.eventId, messages: published(event, 'handed over') }))));

    relay(publication).start();

    await eventually(() => expect(textsOf(recorder.messages, streamId)).toEqual(['handed over', 'second', 'handed over']));
  });

  it('refuses a hand-over whose message breaks its published contract, before anything commits', async () => {
    const event: StoredEvent = { ...noted('checked'), streamId: randomUUID(), streamVersion: 1, globalPosition: '1' };
    const [message] = published(event);
    (message.value.data as { stepType: string }).stepType = 'teleport';

    await expect(bed.dataSource.transaction((manager) => new PublishedFromStore(published).handOver(manager, [{ eventId: event.metadata.eventId, messages: [message] }]))).rejects.toThrow(/breaks its contract at \/data\/stepType/);
  });

  it('never passes an event whose transaction commits after a later position was committed', async () => {
    const recorder = await bed.kafka.record(Topics.errorsEvents);
    const early: string = randomUUID();
    const late: string = randomUUID();
    const slow = bed.dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    try {
      await store.append<Noted>(slow.manager, [{ streamId: early, expectedVersion: 0, events: [noted('written first, committed last')] }]);
      await append(late, 0, ['written last, committed first']);

      expect(await relay().publishPending()).toBe(0);

      await slow.commitTransaction();
      // Transactions of other tests on the same server can hold the horizon back a moment.
      const sendsBoth = relay();
      let sent = 0;
      await eventually(async () => {
        sent += await sendsBoth.publishPending();
        expect(sent).toBe(2);
      });
    } finally {
      if (slow.isTransactionActive) await slow.rollbackTransaction();
      await slow.release();
    }
    // Different keys, so different partitions: Kafka keeps no order between them.
    await eventually(() => expect(recorder.messages.filter((message) => [early, late].includes(message.key ?? '')).map((message) => message.key).sort()).toEqual([early, late].sort()));
  });

  it('follows transaction ids as numbers where they gain a digit, so it neither reorders nor skips', async () => {
    const recorder = await bed.kafka.record(Topics.errorsEvents);
    const crossing = randomUUID();
    const between = randomUUID();
    await append(crossing, 0, ['in transaction 9', 'in transaction 10', 'in transaction 11']);
    const many = Array.from({ length: 60 }, (_, index) => `in transaction 100, ${index}`);
    await append(between, 0, many);
    // As text, transaction 100 sorts between 10 and 11, and 9 after them all. Every id here is
    // older than the test server's running transactions, so all of them are committed history.
    await bed.dataSource.query(`UPDATE event_store SET transaction_id = (8 + stream_version)::text::xid8 WHERE stream_id = $1`, [crossing]);
    await bed.dataSource.query(`UPDATE event_store SET transaction_id = '100' WHERE stream_id = $1`, [between]);
    await bed.dataSource.query(`UPDATE store_relay_position SET transaction_id = '8', global_position = 0`);

    relay().start();

    await eventually(() => expect(textsOf(recorder.messages, between)).toHaveLength(60));
    await eventually(() => expect(textsOf(recorder.messages, crossing)).toEqual(['in transaction 9', 'in transaction 10', 'in transaction 11']));
  });
});
