import { hasControlCharacters } from '../app/control-characters';

/** Where sign-in sends someone back to: the page they asked for, and why they had to sign in. */
export function signInPath(next: string, reason?: 'expired'): string {
  const search = new URLSearchParams({ next });
  if (reason) search.set('reason', reason);
  return `/sign-in?${search}`;
}

/** Only paths of this console, so a crafted link cannot send someone to another site after signing in. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || hasControlCharacters(next)) return '/errors';
  return next;
}
