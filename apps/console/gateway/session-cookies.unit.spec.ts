import { CSRF_COOKIE, csrfHolds, parseCookies, serializeCookie } from './session-cookies';

describe('session cookies', () => {
  it('reads the first value of each cookie, decoded, and ignores malformed parts', () => {
    const cookies = parseCookies('a=1; faultline_session=x%20y; junk; =v; a=2; bad=%E0%A4%A');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['faultline_session', 'x y'],
      ['bad', '%E0%A4%A'],
    ]);
  });

  it('writes a strict same-site cookie, httpOnly and Secure only when asked', () => {
    expect(serializeCookie('s', 'v;1', { maxAgeSeconds: 60, httpOnly: true, secure: true })).toBe('s=v%3B1; Path=/; Max-Age=60; SameSite=Strict; HttpOnly; Secure');
    expect(serializeCookie('c', 'v', { maxAgeSeconds: 0, httpOnly: false, secure: false })).toBe('c=v; Path=/; Max-Age=0; SameSite=Strict');
  });

  it('lets reads through and asks writes for the header that matches the cookie', () => {
    const cookies = new Map([[CSRF_COOKIE, 'token-123']]);
    expect(csrfHolds('GET', new Map(), undefined)).toBe(true);
    expect(csrfHolds('POST', cookies, 'token-123')).toBe(true);
    expect(csrfHolds('POST', cookies, 'token-124')).toBe(false);
    expect(csrfHolds('DELETE', cookies, undefined)).toBe(false);
    expect(csrfHolds('PUT', new Map(), 'token-123')).toBe(false);
  });
});
