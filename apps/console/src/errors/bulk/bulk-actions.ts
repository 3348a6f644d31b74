import type { AssignByFilterResult, AssignResult, BulkActionResult } from '@faultline/contracts/browser';
import type { Service } from '../../api/http';
import { type Selection, selectedCount } from '../selection/selection';

/** What a person can do to errors, from a row, a selection or everything matching the filter. */
export type BulkAction =
  | { kind: 'resolve'; note?: string }
  | { kind: 'reopen' }
  | { kind: 'retry' }
  | { kind: 'assign'; assigneeUserId: string }
  | { kind: 'assign-new-email'; email: string }
  | { kind: 'clear-assignee' }
  | { kind: 'tag'; add: string[]; remove: string[] };

export interface BulkCall {
  service: Service;
  path: string;
  body: Record<string, unknown>;
}

/** The actions the by-filter endpoints run; the others need the errors picked by hand. */
const BY_FILTER: Partial<Record<BulkAction['kind'], true>> = { resolve: true, reopen: true, retry: true, assign: true, 'clear-assignee': true, tag: true };

export function worksOnAllMatching(action: BulkAction['kind']): boolean {
  return BY_FILTER[action] === true;
}

/** The one API call that applies an action to a selection (`dryRun` only counts, for by-filter). */
export function bulkCall(action: BulkAction, selection: Selection, dryRun = false): BulkCall {
  if (selection.kind === 'all-matching') {
    const { filter } = selection;
    if (action.kind === 'assign') return { service: 'assignment', path: '/assignments/by-filter', body: { filter, assigneeUserId: action.assigneeUserId, dryRun } };
    if (action.kind === 'clear-assignee') return { service: 'assignment', path: '/assignments/clear/by-filter', body: { filter, dryRun } };
    if (action.kind === 'resolve' || action.kind === 'reopen' || action.kind === 'retry') return { service: 'errors', path: '/errors/by-filter', body: { action: action.kind, filter, dryRun } };
    if (action.kind === 'tag') return { service: 'errors', path: '/errors/by-filter', body: { action: 'tag', filter, add: action.add, remove: action.remove, dryRun } };
    throw new Error(`${action.kind} works on picked errors only`);
  }
  const errorIds = [...selection.errorIds];
  switch (action.kind) {
    case 'resolve':
      return { service: 'errors', path: '/errors/resolve', body: action.note ? { errorIds, note: action.note } : { errorIds } };
    case 'reopen':
      return { service: 'errors', path: '/errors/reopen', body: { errorIds } };
    case 'retry':
      return { service: 'errors', path: '/errors/retry', body: { errorIds } };
    case 'assign':
      return { service: 'assignment', path: '/assignments', body: { errorIds, assigneeUserId: action.assigneeUserId } };
    case 'assign-new-email':
      return { service: 'assignment', path: '/assignments', body: { errorIds, email: action.email } };
    case 'clear-assignee':
      return { service: 'assignment', path: '/assignments/clear', body: { errorIds } };
    case 'tag':
      return { service: 'errors', path: '/errors/tags', body: { errorIds, ...(action.add.length ? { add: action.add } : {}), ...(action.remove.length ? { remove: action.remove } : {}) } };
  }
}

type AnyResult = Partial<BulkActionResult & AssignResult & AssignByFilterResult>;

const VERBS: Record<BulkAction['kind'], string> = {
  resolve: 'resolved',
  reopen: 'reopened',
  retry: 'retried',
  assign: 'assigned',
  'assign-new-email': 'assigned',
  'clear-assignee': 'unassigned',
  tag: 'tagged',
};

/** "the error is" or "the 3 errors are": the errors an invitation brings, in a sentence. */
export const theErrorsAre = (count: number): string => (count === 1 ? 'the error is' : `the ${count} errors are`);

/** What changed, in one sentence: nothing changes silently, and unchanged errors are counted too. */
export function bulkSummary(action: BulkAction, selection: Selection, result: AnyResult): string {
  const asked = result.matched ?? selectedCount(selection);
  const changed = result.changed ?? 0;
  const errors = `${asked} ${asked === 1 ? 'error' : 'errors'}`;
  if (result.outcome === 'invitation_requested') return `Identity is inviting them; ${theErrorsAre(asked)} theirs once they accept`;
  if (result.outcome === 'access_requested') return `Their invitation is being widened to these integrations; ${theErrorsAre(asked)} theirs once it is`;
  const refused = result.refused ?? [];
  const unchanged = asked - changed - refused.reduce((sum, rule) => sum + rule.count, 0);
  const parts = [`${changed} of ${errors} ${VERBS[action.kind]}`];
  if (unchanged > 0) parts.push(`${unchanged} already ${action.kind === 'tag' ? 'as asked' : VERBS[action.kind]}`);
  for (const rule of refused) parts.push(`${rule.count} refused by the rule ${rule.code}: ${rule.detail}${rule.count > 1 ? ' (and the like for the others)' : ''}`);
  if (result.cascaded) parts.push(`${result.cascaded} more of the same records assigned along (retry data key rule)`);
  if (result.outcome === 'assigned_to_invitee') parts.push('they see the errors once they accept their invitation');
  return parts.join('; ');
}
