const UTC = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * A moment as an email says it: "9 Dec 2026, 02:01 UTC". The recipient's time zone is not known
 * here, so it is UTC and says so; an ISO timestamp is for machines, not for an inbox.
 */
export function emailTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${UTC.format(at)} UTC`;
}
