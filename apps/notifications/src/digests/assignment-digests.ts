import { groupBy } from '@faultline/eventing';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NewEmail } from '../emails/email.outbox';
import { DigestLine, renderDigest } from '../emails/digest.template';
import { describePlace, ErrorPlace } from '../emails/error-listing';
import { displayNames } from '../emails/people';
import { errorLinks } from '../emails/rendered-email';
import { ErrorsCopy } from '../flow-errors/errors-copy';
import { AcceptanceLinks } from '../invitations/acceptance-links';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import type { DigestStream, DueWindow } from '../windows/digest-windows';
import { describeAssigner, DigestEntry, digestParts } from './digest.rules';

type EntryRow = Omit<DigestLine, 'occurredAt' | 'where'> & Partial<ErrorPlace> & {
  userId: string;
  current: string | null;
  recipient: string | null;
  acceptancePath: string | null;
  sealedToken: string | null;
  assignedAt: Date;
  occurredAt: Date | null;
};

/**
 * The assignment digests: at the flush, a user's still-assigned errors become one email per
 * 25. An invitee who has not accepted yet gets links through acceptance; a revoked one nothing.
 * Errors their invitation email already named, assigned by the same request, are left out.
 */
@Injectable()
export class AssignmentDigests implements DigestStream {
  readonly stream = 'assignment';
  private readonly logger = new Logger(AssignmentDigests.name);

  constructor(
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly links: AcceptanceLinks,
  ) {}

  async compose(manager: EntityManager, windows: DueWindow[]): Promise<NewEmail[]> {
    const userIds = windows.map((window) => window.userId);
    const rows: EntryRow[] = await manager.query(
      `WITH taken AS (DELETE FROM digest_entries WHERE user_id = ANY($1::text[]) RETURNING *),
            named AS (DELETE FROM invitation_named_errors n USING taken t
                       WHERE n.user_id = t.user_id AND n.error_id = t.error_id AND n.correlation_id = t.correlation_id
                       RETURNING n.user_id, n.error_id)
       SELECT k.user_id AS "userId", k.error_id AS "errorId", k.assigned_at AS "assignedAt", k.assigned_by AS "assignedBy",
              a.assignee_id AS current, e.integration_id AS "integrationId", e.flow_id AS "flowId", e.flow_step_id AS "flowStepId",
              e.integration_name AS "integrationName", e.flow_name AS "flowName", e.flow_step_name AS "flowStepName",
              e.message, e.occurred_at AS "occurredAt", u.email AS recipient, p.acceptance_path AS "acceptancePath", p.sealed_token AS "sealedToken"
         FROM taken k
         LEFT JOIN current_assignees a ON a.error_id = k.error_id
         LEFT JOIN notify_errors e ON e.error_id = k.error_id
         LEFT JOIN access_users u ON u.user_id = k.user_id AND u.status <> 'revoked'
         LEFT JOIN pending_invitations p ON p.user_id = k.user_id
        WHERE NOT EXISTS (SELECT 1 FROM named n WHERE n.user_id = k.user_id AND n.error_id = k.error_id)`,
      [userIds],
    );
    const byUser = groupBy(rows, (row) => row.userId);
    const nameOf = await displayNames(manager, rows.map((row) => row.assignedBy));
    const emails = windows.flatMap((window) => this.digestEmails(window, byUser.get(window.userId) ?? [], nameOf));
    await ErrorsCopy.markMentioned(manager, emails.flatMap((email) => email.errorIds));
    return emails;
  }

  /** The emails of one user's digest: none when nothing is still theirs or no address is known. */
  private digestEmails({ userId, accountId }: DueWindow, rows: EntryRow[], nameOf: (userId: string) => string): NewEmail[] {
    const recipient = rows.find((row) => row.recipient)?.recipient;
    if (!recipient) {
      if (rows.length > 0) this.logger.warn(`digest for ${userId} dropped: no email address known for the user, or their invitation was revoked`);
      return [];
    }
    const byId = new Map(rows.map((row) => [row.errorId, row]));
    const entries: DigestEntry[] = rows.map((row) => ({ errorId: row.errorId, assignedAt: new Date(row.assignedAt).toISOString(), assignedBy: row.assignedBy }));
    const parts = digestParts(userId, entries, (errorId) => byId.get(errorId)?.current ?? undefined, this.config.digest.perEmail);
    const total = parts.reduce((sum, part) => sum + part.entries.length, 0);
    // A token this app can no longer open (the key changed) leaves plain links, not a stuck flush.
    const pending = rows[0]?.acceptancePath ? { acceptancePath: rows[0].acceptancePath, sealedToken: rows[0].sealedToken } : undefined;
    const link = errorLinks(this.config.linkBaseUrl, pending && this.links.pathOf(pending));
    return parts.map((part) => ({
      accountId,
      userId,
      recipient,
      content: renderDigest(part, total, part.entries.map((entry) => toLine(entry, byId.get(entry.errorId), nameOf)), link),
      errorIds: part.entries.map((entry) => entry.errorId),
      facts: { kind: 'digest', part: part.part, of: part.of },
    }));
  }
}

function toLine(entry: DigestEntry, row: EntryRow | undefined, nameOf: (userId: string) => string): DigestLine {
  return {
    errorId: entry.errorId,
    where: row?.integrationId ? describePlace(row as ErrorPlace) : '',
    message: row?.message ?? '(details not received yet)',
    occurredAt: row?.occurredAt ? new Date(row.occurredAt).toISOString() : '',
    assignedBy: describeAssigner(entry.assignedBy, nameOf),
  };
}
