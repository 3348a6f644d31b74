import { freshDatabaseUrl, openTestDataSource } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EVENTING_MIGRATIONS } from '../database/eventing-migrations';
import { ConcurrencyError, NewEvent } from './event-store.types';
import { PostgresEventStore } from './postgres-event-store';

type Noted = { type: 'Noted'; data: { text: string } };

const store = new PostgresEventStore();
let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await openTestDataSource(await freshDatabaseUrl('event_store'), EVENTING_MIGRATIONS);
});

afterAll(() => dataSource?.destroy());

const noted = (text: string): NewEvent<Noted> => ({
  event: { type: 'Noted', data: { text } },
  metadata: {
    eventId: randomUUID(),
    accountId: 'acc-1',
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    actor: { type: 'system', id: 'test' },
  },
});

const append = (streamId: string, expectedVersion: number, ...texts: string[]) =>
  dataSource.transaction((manager) =>
    store.append<Noted>(manager, [{ streamId, expectedVersion, events: texts.map(noted) }]),
  );

describe('the event store', () => {
  it('appends events in order and reads a stream back with its versions', async () => {
    const streamId = `s-${randomUUID()}`;
    await append(streamId, 0, 'first', 'second');
    await append(streamId, 2, 'third');

    const events = await store.readStream<Noted>(dataSource.manager, streamId);

    expect(events.map((stored) => [stored.streamVersion, stored.event.data.text])).toEqual([
      [1, 'first'],
      [2, 'second'],
      [3, 'third'],
    ]);
    const positions = events.map((stored) => BigInt(stored.globalPosition));
    expect(positions[0] < positions[1] && positions[1] < positions[2]).toBe(true);
  });

  it('appends to many streams in one call, each at its own expected version', async () => {
    const [a, b] = [`s-${randomUUID()}`, `s-${randomUUID()}`];
    await append(a, 0, 'a1');
    await dataSource.transaction((manager) =>
      store.append<Noted>(manager, [
        { streamId: a, expectedVersion: 1, events: [noted('a2')] },
        { streamId: b, expectedVersion: 0, events: [noted('b1')] },
      ]),
    );
    expect((await store.readStream(dataSource.manager, a)).length).toBe(2);
    expect((await store.readStream(dataSource.manager, b)).length).toBe(1);
  });

  it('refuses an append at a version the stream is not at, naming the actual version, and never leaves a gap', async () => {
    const streamId = `s-${randomUUID()}`;
    await append(streamId, 0, 'first');

    await expect(append(streamId, 2, 'past a gap')).rejects.toMatchObject({ constructor: ConcurrencyError, expectedVersion: 2, actualVersion: 1 });
    await expect(append(streamId, 0, 'again')).rejects.toMatchObject({ constructor: ConcurrencyError, expectedVersion: 0 });
    expect((await store.readStream(dataSource.manager, streamId)).length).toBe(1);
  });

  it('concurrent appends at the same expected version: one wins, the other gets a concurrency error', async () => {
    const streamId = `s-${randomUUID()}`;
    await append(streamId, 0, 'first');

    const results = await Promise.allSettled([append(streamId, 1, 'left'), append(streamId, 1, 'right')]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(rejected.reason).toBeInstanceOf(ConcurrencyError);
    const texts = (await store.readStream<Noted>(dataSource.manager, streamId)).map((stored) => stored.event.data.text);
    expect(texts).toHaveLength(2);
    expect(['left', 'right']).toContain(texts[1]);
  });

  it('reads across streams from a global position, oldest first', async () => {
    const before = await dataSource.query('SELECT coalesce(max(global_position), 0)::text AS position FROM event_store');
    const streamId = `s-${randomUUID()}`;
    await append(streamId, 0, 'x', 'y');

    const after = await store.readAll(dataSource.manager, before[0].position, 10);

    expect(after.map((stored) => (stored.event as Noted).data.text)).toEqual(['x', 'y']);
  });

  it('stores each event with its schema version, and reads older versions upcast to the current one', async () => {
    const streamId = `s-${randomUUID()}`;
    await append(streamId, 0, 'written as version 1');
    // Version 2 of Noted splits the text into words; the stored row is never rewritten.
    const upcasting = new PostgresEventStore([{ type: 'Noted', fromVersion: 1, upcast: (data) => ({ words: (data as { text: string }).text.split(' ') }) }]);
    await dataSource.transaction((manager) =>
      upcasting.append(manager, [{ streamId, expectedVersion: 1, events: [{ ...noted('ignored'), event: { type: 'Noted', data: { words: ['written', 'as', '2'] } } }] }]),
    );

    const read = await upcasting.readStream(dataSource.manager, streamId);
    expect(read.map((stored) => stored.event.data)).toEqual([{ words: ['written', 'as', 'version', '1'] }, { words: ['written', 'as', '2'] }]);
    const stored = await dataSource.query('SELECT event_version FROM event_store WHERE stream_id = $1 ORDER BY stream_version', [streamId]);
    expect(stored).toEqual([{ event_version: 1 }, { event_version: 2 }]);
  });
});
