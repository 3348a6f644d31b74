import type { AccessUser } from '@faultline/access';
import type { InvitationRequestList, InvitationRequestsQuery, InvitationRequestSummary } from '@faultline/contracts';
import type { EntityManager } from 'typeorm';

const MOST = 50;

interface RequestRow {
  request_id: string;
  email: string;
  error_ids: string[];
  status: InvitationRequestSummary['status'];
  assignee_user_id: string | null;
  code: string | null;
  reason: string | null;
  requested_at: Date;
  answered_at: Date | null;
}

/**
 * The person's own "assign to new user" requests, newest first: what they asked and how identity
 * answered, so a refusal reaches them whenever they look. `since` keeps those answered (or, still
 * pending, made) after that moment.
 */
export async function invitationRequestsOf(manager: EntityManager, user: AccessUser, query: InvitationRequestsQuery): Promise<InvitationRequestList> {
  const rows: RequestRow[] = await manager.query(
    `SELECT request_id, email, error_ids, status, assignee_user_id, code, reason, requested_at, answered_at
       FROM email_assignment_requests
      WHERE account_id = $1 AND requested_by = $2 AND ($3::text IS NULL OR status = $3) AND ($4::timestamptz IS NULL OR coalesce(answered_at, requested_at) > $4)
      ORDER BY requested_at DESC LIMIT ${MOST}`,
    [user.accountId, user.userId, query.status ?? null, query.since ?? null],
  );
  return { items: rows.map(toSummary) };
}

function toSummary(row: RequestRow): InvitationRequestSummary {
  return {
    requestId: row.request_id,
    email: row.email,
    errorIds: row.error_ids,
    status: row.status,
    ...(row.assignee_user_id ? { assigneeUserId: row.assignee_user_id } : {}),
    ...(row.code ? { code: row.code } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
    requestedAt: row.requested_at.toISOString(),
    answeredAt: row.answered_at?.toISOString() ?? null,
  };
}
