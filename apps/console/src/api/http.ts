import { ProblemError, problemFrom } from './problem';

export type Service = 'errors' | 'assignment' | 'identity' | 'notifications';

const CSRF_COOKIE = 'faultline_csrf';
const CSRF_HEADER = 'x-csrf-token';

/** Called when an API says the session is gone (expired or signed out elsewhere). */
let onSessionExpired: () => void = () => undefined;
export function whenSessionExpires(handler: () => void): void {
  onSessionExpired = handler;
}

/**
 * Calls one service through the console's gateway: the session cookie goes along, state-changing
 * calls carry the CSRF header, and any failure arrives as a ProblemError with the rule's words.
 */
export async function api<T>(service: Service | 'session', path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers[CSRF_HEADER] = csrfToken() ?? '';
  const url = service === 'session' ? '/api/session' : `/api/${service}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, credentials: 'same-origin', body: init.body === undefined ? undefined : JSON.stringify(init.body), signal: init.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ProblemError(problemFrom(0, undefined));
  }
  const text = await response.text();
  const body = text ? parseJson(text) : undefined;
  if (response.ok) return body as T;
  if (response.status === 401 && service !== 'session') onSessionExpired();
  throw new ProblemError(problemFrom(response.status, body));
}

export const get = <T>(service: Service, path: string, signal?: AbortSignal) => api<T>(service, path, { signal });
export const post = <T>(service: Service, path: string, body?: unknown) => api<T>(service, path, { method: 'POST', body });
export const put = <T>(service: Service, path: string, body?: unknown) => api<T>(service, path, { method: 'PUT', body });
export const del = <T>(service: Service, path: string) => api<T>(service, path, { method: 'DELETE' });

function csrfToken(): string | undefined {
  const cookie = document.cookie.split('; ').find((part) => part.startsWith(`${CSRF_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(CSRF_COOKIE.length + 1)) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
