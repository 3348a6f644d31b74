import type { ErrorPlace } from '../emails/error-listing';

/**
 * Error notifications (seed 000): a subscribed user gets, per window, a summary of their
 * subscribed flows: the errors new since the last summary, the ones resolved since, and how
 * many are still open. An error auto-resolved before any email mentioned it is noise and is
 * never reported; an error of a flow the user no longer follows or can no longer monitor is
 * left out; a summary with nothing new and nothing resolved is not sent.
 */
export type SummaryChange = 'new' | 'resolved';
export type Resolution = 'user' | 'retry_succeeded' | 'superseded' | 'record_succeeded';

export interface SummaryEntry extends ErrorPlace {
  errorId: string;
  change: SummaryChange;
  /** When the change happened. */
  at: string;
  message: string;
  occurredAt: string;
  /** The error now, at the flush. */
  status: 'open' | 'resolved';
  resolution: Resolution | null;
  mentioned: boolean;
  /** Whether the user still follows the error's flow. */
  subscribed: boolean;
}

export interface OpenInFlow {
  integrationId: string;
  flowId: string;
  open: number;
}

export interface Summary {
  newErrors: SummaryEntry[];
  resolved: SummaryEntry[];
  /** Open errors in every subscribed flow the user can monitor, per flow and in total. */
  flows: OpenInFlow[];
  openErrors: number;
}

const AUTOMATIC: ReadonlySet<Resolution> = new Set(['retry_succeeded', 'superseded', 'record_succeeded']);

/** Resolved by the system before any email named it: the user never needs to hear of it. */
export const unreported = (error: { status: string; resolution: Resolution | null; mentioned: boolean }): boolean =>
  error.status === 'resolved' && error.resolution !== null && AUTOMATIC.has(error.resolution) && !error.mentioned;

/** Whether a resolution is news when it happens: a person resolved it, or an email already named it. */
export const resolutionIsNews = (resolution: Resolution, mentioned: boolean): boolean => mentioned || !AUTOMATIC.has(resolution);

const byTime = (time: (entry: SummaryEntry) => string) => (a: SummaryEntry, b: SummaryEntry) =>
  time(a).localeCompare(time(b)) || a.errorId.localeCompare(b.errorId);

export function summarize(entries: SummaryEntry[], flows: OpenInFlow[], canMonitor: (integrationId: string) => boolean): Summary | undefined {
  const kept = entries.filter((entry) => entry.subscribed && canMonitor(entry.integrationId) && !unreported(entry));
  const newErrors = kept.filter((entry) => entry.change === 'new').sort(byTime((entry) => entry.occurredAt));
  const resolved = kept.filter((entry) => entry.change === 'resolved' && entry.status === 'resolved').sort(byTime((entry) => entry.at));
  if (newErrors.length === 0 && resolved.length === 0) return undefined;
  const visible = flows.filter((flow) => canMonitor(flow.integrationId));
  return { newErrors, resolved, flows: visible, openErrors: visible.reduce((sum, flow) => sum + flow.open, 0) };
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** "2 new errors, 1 resolved in your flows (7 open)". */
export function summarySubject(summary: Summary): string {
  const changes = [summary.newErrors.length > 0 ? count(summary.newErrors.length, 'new error') : '', summary.resolved.length > 0 ? `${summary.resolved.length} resolved` : '']
    .filter(Boolean)
    .join(', ');
  return `${changes} in your flows (${summary.openErrors} open)`;
}
