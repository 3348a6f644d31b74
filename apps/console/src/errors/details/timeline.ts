import type { AssignmentHistory, ErrorDetails } from '@faultline/contracts/browser';
import { resolutionSentence } from '../resolution-sentence';
import { severityLabel } from '../severity-label';

export interface TimelineEntry {
  at: string;
  /** What happened and, for every automatic action, why. */
  text: string;
  /** Whose action: a person's id, or undefined for the system's rules. */
  byUserId?: string;
  automatic: boolean;
  /** An automatic assignment's source: the error whose assignment the rule followed. */
  sourceErrorId?: string;
}

export interface Names {
  user: (userId: string) => string;
  tag: (tagId: string) => string;
  step: (flowStepId: string) => string;
}

type ErrorEntry = ErrorDetails['history'][number];
type AssignmentEntry = AssignmentHistory['history'][number];

/**
 * One error's story, its own events and its assignments merged in time order, each told in a
 * sentence. Automation never acts silently: every system entry names the rule that acted.
 */
export function timeline(errorHistory: readonly ErrorEntry[], assignmentHistory: readonly AssignmentEntry[], names: Names): TimelineEntry[] {
  const entries = [
    ...errorHistory.flatMap((entry) => errorEntry(entry, names)),
    ...assignmentHistory.map((entry) => assignmentEntry(entry, names)),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

function errorEntry(entry: ErrorEntry, names: Names): TimelineEntry[] {
  const details = entry.details;
  const by = entry.actor.type === 'user' ? names.user(entry.actor.id) : undefined;
  const base = { at: entry.at, byUserId: entry.actor.type === 'user' ? entry.actor.id : undefined, automatic: entry.actor.type === 'system' };
  const text = (() => {
    switch (entry.type) {
      case 'ErrorRecorded':
        return `Failed in run ${details.runId}${httpStatus(details)}${automaticRetries(details)}; recorded as ${details.errorClass} (${severityLabel(String(details.severity))})${inputRepairs(details)}`;
      case 'ErrorOccurredAgain':
        return `Failed again in run ${details.runId}${httpStatus(details)}${automaticRetries(details)} (occurrence ${details.occurrences})${inputRepairs(details)}`;
      case 'ErrorResolved':
        return resolutionSentence(details, by);
      case 'ErrorReopened':
        return `Reopened by ${by ?? 'the system'}`;
      case 'ErrorTagged':
        return `Tagged ${names.tag(String(details.tagId))} by ${by ?? 'the system'}`;
      case 'ErrorUntagged':
        return details.reason === 'tag_deleted' ? `Tag ${names.tag(String(details.tagId))} removed: the tag was deleted` : `Tag ${names.tag(String(details.tagId))} removed by ${by ?? 'the system'}`;
      case 'RetryDataEdited':
        return `Retry data edited by ${by ?? 'the system'}`;
      case 'ErrorRetryRequested':
        return `${by ? `Retry requested by ${by}` : 'Retried automatically'}, to run from ${new Date(String(details.notBefore)).toLocaleString()}`;
      case 'SeverityNotificationRequested':
        return details.severity === 'high'
          ? `Severity 6000 from step ${names.step(String(details.flowStepId))}: the flow was disabled, and the automation's creator (else the owner) was emailed`
          : `Severity 4000 from step ${names.step(String(details.flowStepId))}: the automation's creator (else the owner) was emailed`;
      default:
        return entry.type;
    }
  })();
  return [{ ...base, text }];
}

function assignmentEntry(entry: AssignmentEntry, names: Names): TimelineEntry {
  const by = entry.actor.type === 'user' ? names.user(entry.actor.id) : 'the system';
  const base = { at: entry.at, byUserId: entry.actor.type === 'user' ? entry.actor.id : undefined, automatic: entry.cause === 'retryDataKey' || entry.cause === 'traceKey' };
  if (entry.type === 'ErrorAssigned') {
    const to = names.user(entry.assigneeUserId ?? '');
    const from = entry.sourceErrorId ? ` ${entry.sourceErrorId}` : '';
    if (entry.cause === 'retryDataKey') return { ...base, sourceErrorId: entry.sourceErrorId ?? undefined, text: `Assigned to ${to} by the retry data key rule, following error${from} of the same record` };
    if (entry.cause === 'traceKey') return { ...base, sourceErrorId: entry.sourceErrorId ?? undefined, text: `Assigned to ${to} by the trace key rule: it superseded error${from}, theirs` };
    return { ...base, text: `Assigned to ${to} by ${by}` };
  }
  const from = names.user(entry.previousAssigneeUserId ?? '');
  if (entry.reason === 'invitation_revoked') return { ...base, automatic: true, text: `Unassigned from ${from}: their invitation was revoked` };
  if (entry.reason === 'user_deactivated') return { ...base, automatic: true, text: `Unassigned from ${from}: they were deactivated` };
  return { ...base, text: `Unassigned from ${from} by ${by}` };
}

const RETRIES_STOPPED: Record<string, string> = {
  window_closed: 'the retry window closed',
  client_error: 'the app answered with a 4xx status',
  severity_code: 'the app sent a severity code',
};

/** A failure the retry policy retried before it became an error: how often, and why it stopped. */
function automaticRetries(details: Record<string, unknown>): string {
  const retries = details.automaticRetries as { attempts?: unknown; stoppedBecause?: unknown } | undefined;
  if (typeof retries?.attempts !== 'number') return '';
  const why = RETRIES_STOPPED[String(retries.stoppedBecause)] ?? 'retrying stopped';
  return ` after ${retries.attempts} attempts (retried automatically until ${why})`;
}

/** What was changed in the runtime's report so it could be stored rather than lost. */
function inputRepairs(details: Record<string, unknown>): string {
  const repairs = details.inputRepairs;
  if (!Array.isArray(repairs) || repairs.length === 0) return '';
  return `. The report was changed to be stored: ${repairs.join('; ')}`;
}

function httpStatus(details: Record<string, unknown>): string {
  if (typeof details.httpStatus !== 'number') return '';
  return ` with HTTP ${details.httpStatus}${typeof details.httpStatusName === 'string' ? ` ${details.httpStatusName}` : ''}`;
}
