import { ErrorPurgedV1, Topics, validate } from '@faultline/contracts';
import { errorOccurred, eventually, ManualClock } from '@faultline/testing';
import { DataSource } from 'typeorm';
import { ErrorsHarness } from '../../test-support/errors-harness';
import { SHORTENING_NOTICE_DAYS } from './retention.decider';
import { RetentionPurger } from './retention.purger';

const DAY = 86_400_000;
const clock = new ManualClock(new Date());
let harness: ErrorsHarness;

beforeAll(async () => {
  harness = await ErrorsHarness.start({ clock });
});

afterAll(async () => {
  await harness?.close();
});

const storedRows = async (accountId: string, streams = 'error-%') => {
  const [row] = await harness.app
    .get(DataSource)
    .query(`SELECT count(*)::int AS events FROM event_store WHERE metadata->>'accountId' = $1 AND stream_id LIKE $2`, [accountId, streams]);
  return (row as { events: number }).events;
};

describe('retention', () => {
  it('purges errors, their retry data and history once their account’s period has passed, and announces it', async () => {
    const events = await harness.kafka.record(Topics.errorsEvents);
    const standard = await harness.newAccount();
    const longer = await harness.newAccount();
    const changed = await harness.request('PUT', '/settings/retention', longer.ownerToken, { days: 60 });
    expect(changed.body).toEqual({ days: 60, shorteningNoticeDays: SHORTENING_NOTICE_DAYS });
    expect((await harness.request('GET', '/settings/retention', standard.ownerToken)).body).toEqual({ days: 30, shorteningNoticeDays: SHORTENING_NOTICE_DAYS });
    expect((await harness.request('PUT', '/settings/retention', longer.ownerToken, { days: 0 })).status).toBe(400);

    const at = clock.now().toISOString();
    await harness.publishReports(
      ...[standard, longer].flatMap(({ accountId }) => [1, 2].map(() => errorOccurred({ accountId, occurredAt: at, data: { retryData: { id: 1 } } }))),
      errorOccurred({ accountId: standard.accountId, occurredAt: at, data: { stepType: 'custom_action', httpStatus: 503 } }),
    );
    await eventually(async () => {
      expect((await harness.list(standard.ownerToken)).total).toBe(2);
      expect((await harness.list(longer.ownerToken)).total).toBe(2);
    });
    await harness.everythingPublished();
    const [purgedLater] = (await harness.list(standard.ownerToken)).items;
    expect(await storedRows(standard.accountId, 'retry-%')).toBeGreaterThan(0);
    const purger = harness.app.get(RetentionPurger);

    clock.advance(29 * DAY);
    expect(await purger.sweep()).toEqual({ purged: 0 });

    clock.advance(2 * DAY);
    expect(await purger.sweep()).toEqual({ purged: 2 });
    expect((await harness.list(standard.ownerToken)).total).toBe(0);
    expect((await harness.request('GET', `/errors/${purgedLater.errorId}`, standard.ownerToken)).status).toBe(404);
    expect(await storedRows(standard.accountId)).toBe(0);
    expect(await storedRows(standard.accountId, 'retry-%')).toBe(0);
    expect((await harness.request('GET', '/integrations/int-1/flows/flow-1/activity', standard.ownerToken)).body.items).toEqual([]);
    expect((await harness.list(longer.ownerToken)).total).toBe(2);

    const purged = await eventually(() => {
      const mine = events.json<ErrorPurgedV1>().filter((event) => event.type === 'ErrorPurged' && event.accountId === standard.accountId);
      expect(mine).toHaveLength(2);
      return mine;
    });
    expect(purged.map((event) => event.data.errorId)).toContain(purgedLater.errorId);
    for (const event of purged) expect(validate(ErrorPurgedV1, event).ok).toBe(true);
    // The stream's next version: ErrorRecorded was version 1.
    for (const event of purged) expect(event.aggregateVersion).toBe(2);

    clock.advance(30 * DAY);
    expect(await purger.sweep()).toEqual({ purged: 2 });
    expect((await harness.list(longer.ownerToken)).total).toBe(0);
  });

  it('a shorter period purges only once its notice ended, and set back in time it purges nothing', async () => {
    const shortened = await harness.newAccount();
    const setBack = await harness.newAccount();
    const at = clock.now();
    await harness.publishReports(...[shortened, setBack].map(({ accountId }) => errorOccurred({ accountId, occurredAt: at.toISOString() })));
    await eventually(async () => {
      for (const { ownerToken } of [shortened, setBack]) expect((await harness.list(ownerToken)).total).toBe(1);
    });
    await harness.everythingPublished();

    const noticeEnds = new Date(at.getTime() + SHORTENING_NOTICE_DAYS * DAY).toISOString();
    const notice = { shorteningNoticeDays: SHORTENING_NOTICE_DAYS };
    const scheduled = { days: 30, ...notice, shortening: { days: 1, effectiveAt: noticeEnds } };
    expect((await harness.request('PUT', '/settings/retention', shortened.ownerToken, { days: 1 })).body).toEqual(scheduled);
    expect((await harness.request('GET', '/settings/retention', shortened.ownerToken)).body).toEqual(scheduled);
    expect((await harness.request('PUT', '/settings/retention', setBack.ownerToken, { days: 1 })).body).toEqual(scheduled);
    expect((await harness.request('PUT', '/settings/retention', setBack.ownerToken, { days: 30 })).body).toEqual({ days: 30, ...notice });
    const purger = harness.app.get(RetentionPurger);

    clock.advance(SHORTENING_NOTICE_DAYS * DAY - 1);
    await purger.sweep();
    expect((await harness.list(shortened.ownerToken)).total).toBe(1);

    clock.advance(1);
    await purger.sweep();
    expect((await harness.list(shortened.ownerToken)).total).toBe(0);
    expect((await harness.list(setBack.ownerToken)).total).toBe(1);
    expect((await harness.request('GET', '/settings/retention', shortened.ownerToken)).body).toEqual({ days: 1, ...notice });
  });

  it('an error waits for the relay to publish its events before it is purged, so ErrorPurged never overtakes them', async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    const dataSource = harness.app.get(DataSource);
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    try {
      // A transaction still running holds the relay before every event stored after it began writing.
      await slow.query("INSERT INTO inbox (consumer, event_id) VALUES ('test.slow-writer', gen_random_uuid())");
      await harness.publishReports(errorOccurred({ accountId, occurredAt: clock.now().toISOString() }));
      await eventually(async () => expect((await harness.list(ownerToken)).total).toBe(1));
      clock.advance(31 * DAY);

      await harness.app.get(RetentionPurger).sweep();
      expect((await harness.list(ownerToken)).total).toBe(1);
    } finally {
      await slow.rollbackTransaction();
      await slow.release();
    }
    await harness.everythingPublished();
    await harness.app.get(RetentionPurger).sweep();
    expect((await harness.list(ownerToken)).total).toBe(0);
  });

  it('a member cannot change the retention period', async () => {
    const { accountId } = await harness.newAccount();
    const member = await harness.newUser(accountId, { role: 'member', access: {} });
    expect((await harness.request('PUT', '/settings/retention', member.token, { days: 7 })).status).toBe(403);
  });
});
