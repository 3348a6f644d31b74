import { TEST_INTERNAL_API_KEY } from '@faultline/testing';
import { IdentityTestHarness } from './testing/identity-test-harness';

const identity = new IdentityTestHarness();
let ownerToken: string;

beforeAll(async () => {
  await identity.start();
  ({ ownerToken } = await identity.createAccount('standard'));
});
afterAll(() => identity.stop());

const invite = (body: unknown) => identity.request('POST', '/invitations', { token: ownerToken, body });
const pointers = (body: { errors?: Array<{ pointer: string }> }) => (body.errors ?? []).map((error) => error.pointer);

describe('bad input gets a 400 problem naming the field, and changes nothing', () => {
  it.each([
    ['a missing email', { role: 'member' }, ['/body/email']],
    ['a bad email', { email: 'not-an-email', role: 'member' }, ['/body/email']],
    ['an unknown role', { email: 'a@example.test', role: 'boss' }, ['/body/role']],
    ['access of the wrong type', { email: 'a@example.test', role: 'member', access: 'all' }, ['/body/access']],
    ['an unknown access level', { email: 'a@example.test', role: 'member', access: { 'int-1': 'god' } }, ['/body/access/int-1']],
    ['a field the API does not have', { email: 'a@example.test', role: 'member', colour: 'red' }, ['/body/colour']],
    ['several faults at once', { email: 'x', role: 'boss' }, ['/body/email', '/body/role']],
    ['an integration id over 100 characters', { email: 'a@example.test', role: 'member', access: { ['i'.repeat(101)]: 'monitor' } }, [`/body/access/${'i'.repeat(101)}`]],
    [
      'access to more than 1,000 integrations',
      { email: 'a@example.test', role: 'member', access: Object.fromEntries(Array.from({ length: 1_001 }, (_, index) => [`int-${index}`, 'monitor'])) },
      ['/body/access'],
    ],
  ])('%s', async (_case, body, fields) => {
    const before = (await identity.request('GET', '/users', { token: ownerToken })).body;
    const response = await invite(body);
    expect(response.status).toBe(400);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(pointers(response.body).sort()).toEqual([...fields].sort());
    expect((await identity.request('GET', '/users', { token: ownerToken })).body).toEqual(before);
  });

  it('a body that is not JSON is a 400 problem', async () => {
    const response = await identity.request('POST', '/invitations', { token: ownerToken, body: '{"email": ' });
    expect(response).toMatchObject({ status: 400, body: { status: 400 } });
    expect(response.contentType).toMatch(/^application\/problem\+json/);
  });

  it('an oversized body is refused with 413', async () => {
    const response = await invite({ email: 'a@example.test', role: 'member', access: { huge: 'x'.repeat(200_000) } });
    expect(response.status).toBe(413);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
  });

  it('account provisioning needs the internal API key', async () => {
    const body = { name: 'Acme', plan: 'standard', owner: { email: 'o@example.test', name: 'O', password: 'owner-password-1' } };
    expect((await identity.request('POST', '/internal/accounts', { body })).status).toBe(401);
    const wrongKey = await identity.request('POST', '/internal/accounts', { body, headers: { 'x-internal-api-key': 'guess' } });
    expect(wrongKey.status).toBe(401);
  });

  it('an unknown plan and a short password are named', async () => {
    const response = await identity.request('POST', '/internal/accounts', {
      headers: { 'x-internal-api-key': TEST_INTERNAL_API_KEY },
      body: { name: 'Acme', plan: 'gold', owner: { email: 'o@example.test', name: 'O', password: 'short' } },
    });
    expect(response.status).toBe(400);
    expect(pointers(response.body).sort()).toEqual(['/body/owner/password', '/body/plan']);
  });
});
