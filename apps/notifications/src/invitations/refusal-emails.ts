import type { InvitationRequestRefusedV1 } from '@faultline/contracts';
import type { EntityManager } from 'typeorm';
import { renderAssignmentRefused } from '../emails/assignment-refused.template';
import type { NewEmail } from '../emails/email.outbox';

/** One email per refused request to the active user of the account who made it; a refusal naming nobody known here is not mailed. */
export async function refusalEmails(manager: EntityManager, refusals: InvitationRequestRefusedV1[]): Promise<NewEmail[]> {
  const asked = refusals.filter((refusal) => refusal.data.requestedBy !== undefined);
  if (asked.length === 0) return [];
  const rows: Array<{ userId: string; accountId: string; email: string }> = await manager.query(
    `SELECT user_id AS "userId", account_id AS "accountId", email FROM access_users WHERE user_id = ANY($1::text[]) AND status = 'active'`,
    [asked.map((refusal) => refusal.data.requestedBy)],
  );
  const requesters = new Map(rows.map((row) => [row.userId, row]));
  return asked.flatMap((refusal): NewEmail[] => {
    const { requestId, email, code, reason, requestedBy } = refusal.data;
    const requester = requesters.get(requestedBy ?? '');
    if (!requester || requester.accountId !== refusal.accountId) return [];
    return [
      {
        accountId: refusal.accountId,
        userId: requester.userId,
        recipient: requester.email,
        content: renderAssignmentRefused({ invitee: email, code, reason }),
        errorIds: [],
        facts: { kind: 'assignment_refused', requestId, code },
      },
    ];
  });
}
