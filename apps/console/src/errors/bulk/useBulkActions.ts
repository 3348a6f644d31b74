import type { InvitationRequestStatus } from '@faultline/contracts/browser';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../api/http';
import { ProblemError, problemMessage } from '../../api/problem';
import type { Selection } from '../selection/selection';
import { type BulkAction, bulkCall, bulkSummary, theErrorsAre } from './bulk-actions';

export type BulkOutcome = { ok: true; summary: string; someRefused: boolean } | { ok: false; message: string; code?: string };

/** How an outcome is headed and coloured, in the notification and in the bulk dialog alike. */
export const outcomeTitle = (outcome: BulkOutcome): string => (!outcome.ok ? 'Refused — nothing changed' : outcome.someRefused ? 'Done, except what the rules refused' : 'Done');

export const outcomeColour = (outcome: BulkOutcome): string => (!outcome.ok ? 'red' : outcome.someRefused ? 'yellow' : 'green');

/**
 * Runs an action on a selection and says what came of it: the summary of what changed, or the
 * refusing rule's words. Lists and counts are refreshed after either, so nothing is stale.
 */
export function useBulkActions() {
  const client = useQueryClient();
  return async (action: BulkAction, selection: Selection): Promise<BulkOutcome> => {
    const call = bulkCall(action, selection);
    try {
      const result = await post<Record<string, unknown>>(call.service, call.path, call.body);
      const summary = bulkSummary(action, selection, result);
      const outcome: BulkOutcome = { ok: true, summary, someRefused: Array.isArray(result.refused) && result.refused.length > 0 };
      notifications.show({ title: outcomeTitle(outcome), message: summary, color: outcomeColour(outcome), autoClose: outcome.someRefused ? false : undefined });
      if (typeof result.invitationRequestId === 'string') void followInvitation(result.invitationRequestId, () => client.invalidateQueries());
      return outcome;
    } catch (error) {
      const problem = error instanceof ProblemError ? error.problem : undefined;
      const message = problem ? problemMessage(problem) : String(error);
      const outcome: BulkOutcome = { ok: false, message, code: problem?.code };
      notifications.show({ title: outcomeTitle(outcome), message: problem?.code ? `${message} (${problem.code})` : message, color: outcomeColour(outcome), autoClose: 10_000 });
      return outcome;
    } finally {
      await client.invalidateQueries();
    }
  };
}

/** Runs a by-filter action as a dry run: how many errors it would touch now. */
export async function countMatching(action: BulkAction, selection: Selection): Promise<number> {
  const call = bulkCall(action, selection, true);
  const result = await post<{ matched: number }>(call.service, call.path, call.body);
  return result.matched;
}

/**
 * An "assign to a new email" is answered by identity later: tell the person how it ended. A
 * refusal is shown by RefusedRequests on the Errors page, which the refresh brings up at once and
 * which stays until dismissed.
 */
async function followInvitation(requestId: string, refresh: () => void): Promise<void> {
  for (let attempt = 0; attempt < 30; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const status = await get<InvitationRequestStatus>('assignment', `/assignments/requests/${requestId}`).catch(() => undefined);
    if (status?.status === 'completed') {
      notifications.show({ title: 'Invitation sent', message: `${status.email} is invited; ${theErrorsAre(status.errorIds.length)} theirs once they accept`, color: 'green' });
      return refresh();
    }
    if (status?.status === 'refused') return refresh();
  }
}
