import type { ErrorRecordedV1, ErrorResolvedV1 } from '@faultline/contracts';
import type { EntityManager } from 'typeorm';
import { ErrorsCopy } from '../flow-errors/errors-copy';
import { openWindows } from '../windows/digest-windows';
import { resolutionIsNews, SummaryChange } from './summary.rules';

interface FlowErrorChange {
  errorId: string;
  /** When the change happened. */
  at: string;
}

/**
 * What subscribers will hear of: every new error, and the resolutions that are news (by a
 * person, or of an error an email already named). Runs after the errors copy took the batch.
 */
export async function noteForSubscribers(
  manager: EntityManager,
  changes: { recorded: ErrorRecordedV1[]; resolved: ErrorResolvedV1[] },
  now: Date,
  windowMs: number,
): Promise<void> {
  const mentioned = await ErrorsCopy.mentioned(manager, changes.resolved.map((event) => event.data.errorId));
  const news = changes.resolved.filter((event) => resolutionIsNews(event.data.reason, mentioned.has(event.data.errorId)));
  await fanOut(manager, 'new', changes.recorded.map((event) => ({ errorId: event.data.errorId, at: event.data.occurredAt })), now, windowMs);
  await fanOut(manager, 'resolved', news.map((event) => ({ errorId: event.data.errorId, at: event.occurredAt })), now, windowMs);
}

/**
 * Fans changes of errors out to the subscribers of their flows: an entry per subscriber and
 * error, and the subscriber's summary window opened by the first. One statement for the
 * entries however many errors and subscribers; a redelivery adds nothing and opens nothing.
 */
async function fanOut(manager: EntityManager, change: SummaryChange, changes: FlowErrorChange[], now: Date, windowMs: number): Promise<void> {
  if (changes.length === 0) return;
  const added: Array<{ userId: string; accountId: string }> = await manager.query(
    `WITH fan AS (
       SELECT s.user_id, s.account_id, c.error_id, c.at
         FROM unnest($1::uuid[], $2::timestamptz[]) AS c(error_id, at)
         JOIN notify_errors e ON e.error_id = c.error_id
         JOIN flow_subscriptions s ON s.account_id = e.account_id AND s.integration_id = e.integration_id AND s.flow_id = e.flow_id),
     added AS (
       INSERT INTO summary_entries (user_id, error_id, change, at) SELECT user_id, error_id, $3, at FROM fan
       ON CONFLICT DO NOTHING RETURNING user_id)
     SELECT DISTINCT fan.user_id AS "userId", fan.account_id AS "accountId" FROM fan WHERE fan.user_id IN (SELECT user_id FROM added)`,
    [changes.map((c) => c.errorId), changes.map((c) => c.at), change],
  );
  await openWindows(manager, 'errors', new Map(added.map((row) => [row.userId, row.accountId])), now, windowMs);
}
