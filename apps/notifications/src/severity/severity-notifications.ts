import type { SeverityNotificationRequestedV1 } from '@faultline/contracts';
import type { EntityManager } from 'typeorm';
import type { NewEmail } from '../emails/email.outbox';
import { errorLinks } from '../emails/rendered-email';
import { renderSeverityNotice } from '../emails/severity.template';
import { ErrorDetails, ErrorsCopy } from '../flow-errors/errors-copy';

interface Candidate {
  userId: string;
  accountId: string;
  email: string;
  role: string;
}

export interface SeverityEmails {
  emails: NewEmail[];
  /** Requests nobody known here can receive yet (the account's users have not arrived). */
  unaddressed: Array<{ eventId: string; reason: string }>;
}

/** The accounts among `accountIds` whose owner is known here (the fallback recipient of every severity notification). */
export async function accountsWithOwner(manager: EntityManager, accountIds: string[]): Promise<Set<string>> {
  const rows: Array<{ accountId: string }> = await manager.query(
    `SELECT DISTINCT account_id AS "accountId" FROM access_users WHERE status = 'active' AND role = 'owner' AND account_id = ANY($1::text[])`,
    [accountIds],
  );
  return new Set(rows.map((row) => row.accountId));
}

/**
 * The automation's creator gets a severity notification at once; when the runtime did not say
 * who created it, or that user is not an active user of the account, the account's owner does.
 */
export async function severityEmails(manager: EntityManager, requests: SeverityNotificationRequestedV1[], linkBaseUrl: string): Promise<SeverityEmails> {
  if (requests.length === 0) return { emails: [], unaddressed: [] };
  const candidates: Candidate[] = await manager.query(
    `SELECT user_id AS "userId", account_id AS "accountId", email, role FROM access_users
      WHERE status = 'active' AND (user_id = ANY($1::text[]) OR (role = 'owner' AND account_id = ANY($2::text[])))`,
    [requests.flatMap((request) => request.data.automationCreatorUserId ?? []), requests.map((request) => request.accountId)],
  );
  const link = errorLinks(linkBaseUrl);
  // The error was copied from its ErrorRecorded (same partition, earlier): its names come from there.
  const copies = await ErrorsCopy.details(manager, requests.map((request) => request.data.errorId));
  const result: SeverityEmails = { emails: [], unaddressed: [] };
  for (const request of requests) {
    const { data } = request;
    const recipient =
      candidates.find((candidate) => candidate.userId === data.automationCreatorUserId && candidate.accountId === request.accountId) ??
      candidates.find((candidate) => candidate.role === 'owner' && candidate.accountId === request.accountId);
    if (!recipient) {
      result.unaddressed.push({ eventId: request.eventId, reason: `no active creator or owner of account ${request.accountId} is known to notifications yet` });
      continue;
    }
    result.emails.push({
      accountId: request.accountId,
      userId: recipient.userId,
      recipient: recipient.email,
      content: renderSeverityNotice({ ...data, ...namesOf(copies.get(data.errorId)), errorLink: link(data.errorId) }),
      errorIds: [data.errorId],
      facts: { kind: 'severity', errorId: data.errorId, severity: data.severity },
    });
  }
  return result;
}

const namesOf = (copy: ErrorDetails | undefined) => ({ integrationName: copy?.integrationName, flowName: copy?.flowName, flowStepName: copy?.flowStepName });
