import { errorOccurred, eventually } from '@faultline/testing';
import { ErrorsHarness } from '../../test-support/errors-harness';

/** The list's total is counted up to a cap (3 here, 1,000 by default), so a page never counts a million rows. */
let harness: ErrorsHarness;
let accountId: string;
let token: string;

beforeAll(async () => {
  harness = await ErrorsHarness.start({ env: { ERRORS_LIST_TOTAL_CAP: '3' } });
  ({ accountId, ownerToken: token } = await harness.newAccount());
  await harness.publishReports(...[1, 2, 3, 4, 5].map((n) => errorOccurred({ accountId, data: { flowId: n <= 2 ? 'flow-few' : 'flow-many' } })));
  await eventually(async () => expect((await harness.request('POST', '/errors/by-filter', token, { action: 'resolve', filter: {}, dryRun: true })).body.matched).toBe(5));
});

afterAll(() => harness?.close());

describe('the total of a list page', () => {
  it('says "at least the cap" when more match, and is exact below it', async () => {
    expect(await harness.list(token)).toMatchObject({ total: 3, totalCapped: true });
    expect(await harness.list(token, 'flowId=flow-few')).toMatchObject({ total: 2, totalCapped: false });
    expect(await harness.list(token, 'flowId=flow-many')).toMatchObject({ total: 3, totalCapped: false });
  });

  it('caps nothing else: the pages hold every error, and a by-filter dry run counts them all', async () => {
    const first = await harness.list(token, 'limit=4');
    const second = await harness.list(token, `limit=4&cursor=${encodeURIComponent(String(first.nextCursor))}`);
    expect(first.items.length + second.items.length).toBe(5);
    expect((await harness.request('POST', '/errors/by-filter', token, { action: 'resolve', filter: { flowId: 'flow-many' }, dryRun: true })).body).toMatchObject({ matched: 3 });
  });

  it('pages through no more matches than the cap (read from those it counted) newest first, each once', async () => {
    const first = await harness.list(token, 'flowId=flow-many&limit=2');
    const second = await harness.list(token, `flowId=flow-many&limit=2&cursor=${encodeURIComponent(String(first.nextCursor))}`);
    expect(second).toMatchObject({ total: 3, totalCapped: false, nextCursor: null });
    const listed = [...first.items, ...second.items];
    expect(new Set(listed.map((item) => item.errorId)).size).toBe(3);
    expect(listed.map((item) => item.occurredAt)).toEqual(listed.map((item) => item.occurredAt).sort().reverse());
  });

  it('counts nothing on an empty page', async () => {
    expect(await harness.list(token, 'flowId=flow-none')).toEqual({ items: [], total: 0, totalCapped: false, nextCursor: null });
  });
});
