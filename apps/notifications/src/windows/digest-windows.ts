import { returning } from '@faultline/eventing';
import type { EntityManager } from 'typeorm';
import type { NewEmail } from '../emails/email.outbox';

/** Assignment digests and error summaries debounce the same way but never share a window. */
export type WindowStream = 'assignment' | 'errors';

export interface DueWindow {
  userId: string;
  accountId: string;
  dueAt: Date;
}

/** When a window opened now closes. */
export const windowDue = (openedAt: Date, windowMs: number): Date => new Date(openedAt.getTime() + windowMs);

/** Opens the window of every user who has none open in this stream; an open one keeps its due time. */
export async function openWindows(manager: EntityManager, stream: WindowStream, accountByUser: Map<string, string>, now: Date, windowMs: number): Promise<void> {
  if (accountByUser.size === 0) return;
  await manager.query(
    `INSERT INTO digest_windows (stream, user_id, account_id, opened_at, due_at)
     SELECT $1, user_id, account_id, $4, $5 FROM unnest($2::text[], $3::text[]) AS u(user_id, account_id)
     ON CONFLICT (stream, user_id) DO NOTHING`,
    [stream, [...accountByUser.keys()], [...accountByUser.values()], now, windowDue(now, windowMs)],
  );
}

/**
 * Closes up to `limit` due windows of a stream, oldest first, by the due-time index; windows
 * another flusher holds are skipped, so flushers never take the same user.
 */
export async function takeDueWindows(manager: EntityManager, stream: WindowStream, now: Date, limit: number): Promise<DueWindow[]> {
  return returning(
    manager,
    `DELETE FROM digest_windows WHERE (stream, user_id) IN (
       SELECT stream, user_id FROM digest_windows WHERE stream = $1 AND due_at <= $2 ORDER BY due_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING user_id AS "userId", account_id AS "accountId", due_at AS "dueAt"`,
    [stream, now, limit],
  );
}

/** One stream of digests: what its due windows become. */
export interface DigestStream {
  readonly stream: WindowStream;
  /** The emails of these users' closed windows; their pending entries are consumed. */
  compose(manager: EntityManager, windows: DueWindow[], now: Date): Promise<NewEmail[]>;
}
