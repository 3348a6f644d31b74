import { errorOccurred, eventually, ManualClock } from '@faultline/testing';
import { ErrorsHarness } from '../../test-support/errors-harness';

const clock = new ManualClock(new Date('2026-12-01T15:20:00.000Z'));
let harness: ErrorsHarness;

beforeAll(async () => {
  harness = await ErrorsHarness.start({ clock });
});

afterAll(async () => {
  await harness?.close();
});

describe('the timeline of new errors', () => {
  it('counts the errors that first occurred in each hour, within the integrations the reader may see', async () => {
    const { accountId, ownerToken } = await harness.newAccount();
    const member = await harness.newUser(accountId, { role: 'member', access: { 'int-1': 'monitor' } });
    const at = (time: string, integrationId = 'int-1') => errorOccurred({ accountId, occurredAt: time, data: { integrationId } });
    await harness.publishReports(
      at('2026-12-01T13:05:00.000Z'),
      at('2026-12-01T13:55:00.000Z', 'int-2'),
      at('2026-12-01T15:01:00.000Z'),
      at('2026-11-29T10:00:00.000Z'),
    );
    await eventually(async () => expect((await harness.list(ownerToken)).total).toBe(4));

    const owners = await harness.request('GET', '/monitor/timeline?hours=3', ownerToken);
    expect(owners.body).toEqual({
      bucket: 'hour',
      points: [
        { at: '2026-12-01T12:00:00.000Z', errors: 0 },
        { at: '2026-12-01T13:00:00.000Z', errors: 2 },
        { at: '2026-12-01T14:00:00.000Z', errors: 0 },
        { at: '2026-12-01T15:00:00.000Z', errors: 1 },
      ],
    });
    const members = await harness.request('GET', '/monitor/timeline?hours=3', member.token);
    expect(members.body.points.map((point: { errors: number }) => point.errors)).toEqual([0, 1, 0, 1]);
    const days = await harness.request('GET', '/monitor/timeline?hours=72', ownerToken);
    expect(days.body.bucket).toBe('day');
    expect(days.body.points.map((point: { errors: number }) => point.errors)).toEqual([0, 1, 0, 3]);
    expect((await harness.request('GET', '/monitor/timeline?hours=0', ownerToken)).status).toBe(400);
    expect((await harness.request('GET', '/monitor/timeline?integrationId=int-2', member.token)).status).toBe(403);
  });
});
