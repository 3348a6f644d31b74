import { TEST_INTERNAL_API_KEY } from '@faultline/testing';
import { randomUUID } from 'node:crypto';
import { IdentityTestHarness } from '../testing/identity-test-harness';

const identity = new IdentityTestHarness();

beforeAll(() => identity.start());
afterAll(() => identity.stop());

const provision = (password: string) =>
  identity.request('POST', '/internal/accounts', {
    headers: { 'x-internal-api-key': TEST_INTERNAL_API_KEY },
    body: { name: 'Acme', plan: 'standard', owner: { email: `o-${randomUUID()}@example.test`, name: 'O', password } },
  });

const storedHash = async (email: string): Promise<string> =>
  ((await identity.dataSource.query('SELECT password_hash FROM users WHERE email = $1', [email])) as Array<{ password_hash: string }>)[0].password_hash;

describe('passwords', () => {
  it.each([
    ['twelve spaces', ' '.repeat(12), /only spaces/],
    ['eleven characters', 'abcdefghijk', /(at least|greater or equal to) 12/],
    ['a well-known password', 'qwerty123456', /most common/],
    ['a well-known word padded with digits', 'password1234', /most common/],
  ])('%s is refused for a new account (400 naming the field) and for an invitation', async (_case, password, why) => {
    const refused = await provision(password);
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ pointer: '/body/owner/password', detail: expect.stringMatching(why) }]);

    const { ownerToken } = await identity.createAccount('standard');
    const email = `i-${randomUUID()}@example.test`;
    await identity.request('POST', '/invitations', { token: ownerToken, body: { email, role: 'member', access: {} } });
    const token = await identity.invitationToken(email);
    const accepted = await identity.request('POST', '/invitations/accept', { body: { token, name: 'Ina', password } });
    expect(accepted).toMatchObject({ status: 400, body: { errors: [{ pointer: '/body/password', detail: expect.stringMatching(why) }] } });
  });

  it('a hash made at a lower cost is made again at the next sign-in, and the password still works', async () => {
    const { owner } = await identity.createAccount('standard');
    expect(await storedHash(owner.email)).toMatch(/^scrypt\$16384\$8\$1\$/);

    await identity.restart({ PASSWORD_HASH_COST_LOG2: '15' });
    await identity.signIn(owner.email, owner.password);
    expect(await storedHash(owner.email)).toMatch(/^scrypt\$32768\$8\$1\$/);
    await identity.signIn(owner.email, owner.password);
    expect(await identity.request('POST', '/sign-in', { body: { email: owner.email, password: 'not-the-password' } })).toMatchObject({ status: 401 });
  });
});

describe('one email in several accounts', () => {
  it('the password proves who asks, so the answer names the accounts to choose from; choosing one signs in', async () => {
    const email = `both-${randomUUID()}@example.test`;
    const password = 'a strong shared password';
    const provisionFor = (name: string) =>
      identity.request('POST', '/internal/accounts', {
        headers: { 'x-internal-api-key': TEST_INTERNAL_API_KEY },
        body: { name, plan: 'standard', owner: { email, name: 'Both', password } },
      });
    const first = await provisionFor('First account');
    const second = await provisionFor('Second account');

    const choice = await identity.request('POST', '/sign-in', { body: { email, password } });
    expect(choice).toMatchObject({ status: 409, body: { code: 'ACCOUNT_CHOICE_NEEDED' } });
    expect(choice.body.accounts).toEqual(
      expect.arrayContaining([
        { accountId: first.body.accountId, name: 'First account' },
        { accountId: second.body.accountId, name: 'Second account' },
      ]),
    );
    const wrong = await identity.request('POST', '/sign-in', { body: { email, password: 'not the shared password' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.accounts).toBeUndefined();

    const chosen = await identity.request('POST', '/sign-in', { body: { email, password, accountId: second.body.accountId } });
    expect(chosen).toMatchObject({ status: 200, body: { user: { accountId: second.body.accountId } } });
  });
});
