import { randomUUID } from 'node:crypto';
import { IdentityTestHarness } from '../testing/identity-test-harness';
import { WINDOW_MS } from './sign-in-backoff';

const identity = new IdentityTestHarness();

beforeAll(() => identity.start());
afterAll(() => identity.stop());

const signIn = (email: string, password: string) => identity.request('POST', '/sign-in', { body: { email, password } });

describe('failed sign-ins slow the next ones down, not lock anyone out', () => {
  it('guessing one email: after five failures each one waits longer, the right password included, with Retry-After; then it works', async () => {
    const { owner } = await identity.createAccount('standard');
    for (let attempt = 0; attempt < 6; attempt++) expect((await signIn(owner.email, 'a-wrong-guess')).status).toBe(401);

    const held = await fetch(`${identity.baseUrl}/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: owner.email, password: owner.password }),
    });
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('1');
    expect(await held.json()).toMatchObject({ code: 'SIGN_IN_THROTTLED' });

    identity.clock.advance(1_000);
    expect((await signIn(owner.email, 'a-wrong-guess')).status).toBe(401);
    expect((await signIn(owner.email, owner.password)).status).toBe(429);
    identity.clock.advance(2_000);
    expect((await signIn(owner.email, owner.password)).status).toBe(200);
  });

  it('spraying one password over many emails from one address is slowed after twenty, and the count survives a restart', async () => {
    identity.clock.advance(WINDOW_MS + 1); // the failures above are forgotten
    for (let attempt = 0; attempt < 20; attempt++) expect((await signIn(`nobody-${randomUUID()}@example.test`, 'Summer2026!')).status).toBe(401);
    await identity.restart();
    expect((await signIn(`nobody-${randomUUID()}@example.test`, 'Summer2026!')).status).toBe(401);
    expect((await signIn(`nobody-${randomUUID()}@example.test`, 'Summer2026!')).status).toBe(429);
    identity.clock.advance(WINDOW_MS + 1);
    expect((await signIn(`nobody-${randomUUID()}@example.test`, 'Summer2026!')).status).toBe(401);
  });
});
