/**
 * The console's session lives in two cookies: the access token, httpOnly so page scripts can
 * never read it, and a CSRF token the page echoes in a header on every state-changing call
 * (double submit; SameSite=Strict already keeps other sites' requests from carrying either).
 */
export const SESSION_COOKIE = 'faultline_session';
export const CSRF_COOKIE = 'faultline_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface CookieOptions {
  maxAgeSeconds: number;
  httpOnly: boolean;
  secure: boolean;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';').map((text) => text.trim())) {
    const separator = part.indexOf('=');
    if (separator < 1) continue;
    const name = part.slice(0, separator).trim();
    if (!cookies.has(name)) cookies.set(name, safeDecode(part.slice(separator + 1).trim()));
  }
  return cookies;
}

export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const attributes = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${options.maxAgeSeconds}`, 'SameSite=Strict'];
  if (options.httpOnly) attributes.push('HttpOnly');
  if (options.secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** Methods that change state must carry the CSRF cookie's value in the header, compared in constant time. */
export function csrfHolds(method: string, cookies: Map<string, string>, header: string | undefined): boolean {
  if (SAFE_METHODS.has(method)) return true;
  const expected = cookies.get(CSRF_COOKIE);
  if (!expected || !header || expected.length !== header.length) return false;
  let difference = 0;
  for (let index = 0; index < expected.length; index += 1) difference |= expected.charCodeAt(index) ^ header.charCodeAt(index);
  return difference === 0;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
