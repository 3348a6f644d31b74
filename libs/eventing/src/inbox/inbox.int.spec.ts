import { freshDatabaseUrl, openTestDataSource } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EVENTING_MIGRATIONS } from '../database/eventing-migrations';
import { Inbox } from './inbox';
import { Refusal } from '@faultline/access-policy';

let dataSource: DataSource;
const inbox = new Inbox();

beforeAll(async () => {
  dataSource = await openTestDataSource(await freshDatabaseUrl('inbox'), EVENTING_MIGRATIONS);
});

afterAll(() => dataSource?.destroy());

const claim = (consumer: string, ids: string[]) =>
  dataSource.transaction((manager) => inbox.claim(manager, consumer, ids));

describe('the inbox', () => {
  it('claims an event once: a redelivery finds it already handled', async () => {
    const [a, b] = [randomUUID(), randomUUID()];

    expect(await claim('c', [a, b, a])).toEqual(new Set([a, b]));
    expect(await claim('c', [a, b])).toEqual(new Set());
  });

  it('keeps a separate memory per consumer', async () => {
    const id = randomUUID();
    await claim('first', [id]);

    expect(await claim('second', [id])).toEqual(new Set([id]));
  });

  it('forgets a claim whose transaction rolled back, so the event is handled on redelivery', async () => {
    const id = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await inbox.claim(manager, 'c', [id]);
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');

    expect(await claim('c', [id])).toEqual(new Set([id]));
  });

  it('releases the claim of an event sent to the DLQ, so replaying it from there handles it; other claims stay', async () => {
    const [rejected, handled] = [randomUUID(), randomUUID()];
    await dataSource.transaction(async (manager) => {
      await inbox.claim(manager, 'c', [rejected, handled]);
      await inbox.release(manager, 'c', [rejected]);
    });

    expect(await claim('c', [rejected, handled])).toEqual(new Set([rejected]));
  });

  it('hands each fresh event over once; a refused one comes back with its reason and its claim released, a fault fails it all', async () => {
    class Refused extends Refusal {
      readonly code = 'NOT_THIS_ONE';
    }
    const [kept, refused, faulty] = [randomUUID(), randomUUID(), randomUUID()];
    const handled: string[] = [];
    const handle = (event: { eventId: string }) => {
      if (event.eventId === refused) throw new Refused('a rule said no');
      if (event.eventId === faulty) throw new Error('the database went away');
      handled.push(event.eventId);
    };
    const run = (ids: string[]) =>
      dataSource.transaction((manager) => inbox.handleFresh(manager, 'h', ids.map((eventId) => ({ eventId })), { handle }));

    expect(await run([kept, refused, kept])).toEqual([{ eventId: refused, reason: 'NOT_THIS_ONE: a rule said no' }]);
    expect(await run([kept, refused])).toEqual([{ eventId: refused, reason: 'NOT_THIS_ONE: a rule said no' }]);
    expect(handled).toEqual([kept]);
    await expect(run([faulty])).rejects.toThrow('the database went away');
    expect(await claim('h', [faulty])).toEqual(new Set([faulty]));
  });
});
