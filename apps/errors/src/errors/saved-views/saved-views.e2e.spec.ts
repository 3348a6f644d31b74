import { ErrorsHarness } from '../../test-support/errors-harness';

let harness: ErrorsHarness;

beforeAll(async () => {
  harness = await ErrorsHarness.start();
});

afterAll(async () => {
  await harness?.close();
});

const filter = { status: 'open', integrationId: 'int-1', assignee: 'unassigned' };

describe('saved views', () => {
  it('an owner saves a view and shares it; a member opens it, makes it their default, and cannot change it', async () => {
    const { accountId, ownerToken, ownerUserId } = await harness.newAccount();
    const member = await harness.newUser(accountId, { role: 'member', access: { 'int-1': 'monitor' } });

    const saved = await harness.request('POST', '/views', ownerToken, { name: ' Unassigned in int-1 ', filter, columns: ['message', 'assignee'], shared: false });
    expect(saved).toMatchObject({ status: 201, body: { name: 'Unassigned in int-1', filter, columns: ['message', 'assignee'], shared: false, ownerUserId, mine: true, isDefault: false } });
    const { viewId } = saved.body;
    expect((await harness.request('GET', '/views', member.token)).body.items).toEqual([]);
    expect((await harness.request('PUT', '/views/default', member.token, { viewId })).body).toMatchObject({ code: 'VIEW_NOT_FOUND' });

    expect((await harness.request('PATCH', `/views/${viewId}`, ownerToken, { shared: true })).body).toMatchObject({ shared: true });
    const chosen = await harness.request('PUT', '/views/default', member.token, { viewId });
    expect(chosen.body.items).toEqual([expect.objectContaining({ viewId, mine: false, isDefault: true, filter })]);
    expect((await harness.request('GET', '/views', ownerToken)).body.items).toEqual([expect.objectContaining({ viewId, mine: true, isDefault: false })]);

    expect(await harness.request('PATCH', `/views/${viewId}`, member.token, { name: 'Hijacked' })).toMatchObject({ status: 404, body: { code: 'VIEW_NOT_FOUND' } });
    expect(await harness.request('DELETE', `/views/${viewId}`, member.token)).toMatchObject({ status: 404 });
    expect((await harness.request('GET', '/views', member.token)).body.items[0].name).toBe('Unassigned in int-1');
  });

  it('names are unique per owner; bad filters and columns are refused naming the field; another account sees nothing', async () => {
    const { ownerToken } = await harness.newAccount();
    const other = await harness.newAccount();
    await harness.request('POST', '/views', ownerToken, { name: 'Mine', filter, shared: true });
    expect(await harness.request('POST', '/views', ownerToken, { name: 'MINE', filter, shared: false })).toMatchObject({ status: 409, body: { code: 'VIEW_NAME_TAKEN' } });
    const badFilter = await harness.request('POST', '/views', ownerToken, { name: 'Bad', filter: { severity: 'urgent' }, shared: false });
    expect(badFilter.status).toBe(400);
    expect(badFilter.body.errors[0].pointer).toMatch(/^\/body\/filter\/severity/);
    const badColumn = await harness.request('POST', '/views', ownerToken, { name: 'Bad', filter, columns: ['secret'], shared: false });
    expect(badColumn.body.errors[0].pointer).toMatch(/^\/body\/columns/);
    expect((await harness.request('GET', '/views', other.ownerToken)).body.items).toEqual([]);
  });

  it('deleting a default view leaves the user with none', async () => {
    const { ownerToken } = await harness.newAccount();
    const { viewId } = (await harness.request('POST', '/views', ownerToken, { name: 'Soon gone', filter, shared: false })).body;
    await harness.request('PUT', '/views/default', ownerToken, { viewId });
    expect((await harness.request('DELETE', `/views/${viewId}`, ownerToken)).status).toBe(204);
    expect((await harness.request('GET', '/views', ownerToken)).body.items).toEqual([]);
    expect((await harness.request('PUT', '/views/default', ownerToken, { viewId: null })).status).toBe(200);
  });
});
