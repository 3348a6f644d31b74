import { chunk, groupBy, valuesClause } from '@faultline/eventing';
import { CLOCK, Clock, PeriodicJob } from '@faultline/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EmailSender } from '../emails/email.sender';
import { DigestLine, renderDigest } from '../emails/digest.template';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { DigestEntry, digestParts } from './digest.rules';

const WINDOWS_PER_BATCH = 500;

interface DueWindow {
  user_id: string;
  account_id: string;
}

/**
 * Flushes the digests whose window is due, 500 users per transaction, by the due-time index:
 * the still-assigned errors become emails in the email outbox and the window closes, in one
 * transaction. A restart loses nothing: the windows are rows, and the first tick after start
 * flushes whatever came due meanwhile.
 */
@Injectable()
export class DigestFlusher extends PeriodicJob {
  protected readonly name = 'digest flush';
  private readonly logger = new Logger(DigestFlusher.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: EmailSender,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.digest.flushIntervalMs;
  }

  async tick(): Promise<void> {
    while ((await this.flushDue()) === WINDOWS_PER_BATCH);
    await this.sender.sendPending();
  }

  /** Flushes one batch of due windows in a few statements, however many users; answers how many it took. */
  async flushDue(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: DueWindow[] = await manager.query(
        `SELECT user_id, account_id FROM digest_windows WHERE due_at <= $1 ORDER BY due_at LIMIT ${WINDOWS_PER_BATCH} FOR UPDATE SKIP LOCKED`,
        [this.clock.now()],
      );
      if (due.length === 0) return 0;
      const userIds = due.map((window) => window.user_id);
      const rows: EntryRow[] = await manager.query(
        `SELECT d.user_id AS "userId", d.error_id AS "errorId", d.assigned_at AS "assignedAt", d.assigned_by AS "assignedBy",
                a.assignee_id AS current, e.integration_id AS "integrationId", e.flow_id AS "flowId", e.flow_step_id AS "flowStepId",
                e.message, e.occurred_at AS "occurredAt", u.email AS recipient
           FROM digest_entries d
           LEFT JOIN current_assignees a ON a.error_id = d.error_id
           LEFT JOIN notify_errors e ON e.error_id = d.error_id
           LEFT JOIN access_users u ON u.user_id = d.user_id
          WHERE d.user_id = ANY($1::text[])`,
        [userIds],
      );
      await manager.query('DELETE FROM digest_entries WHERE user_id = ANY($1::text[])', [userIds]);
      await manager.query('DELETE FROM digest_windows WHERE user_id = ANY($1::text[])', [userIds]);
      const byUser = groupBy(rows, (row) => row.userId);
      const emails = due.flatMap((window) => this.digestEmails(window, byUser.get(window.user_id) ?? []));
      for (const part of chunk(emails, 200)) {
        await manager.query(
          `INSERT INTO emails (email_id, account_id, kind, user_id, recipient, subject, text_body, html_body, error_ids, part, of, next_attempt_at, created_at)
           VALUES ${valuesClause(part.length, 13, ['', '', '', '', '', '', '', '', '::uuid[]', '', '', '::timestamptz', '::timestamptz'])}`,
          part.flat(),
        );
      }
      return due.length;
    });
  }

  /** The email rows of one user's digest: none when nothing is still theirs or no address is known. */
  private digestEmails({ user_id: userId, account_id: accountId }: DueWindow, rows: EntryRow[]): unknown[][] {
    const recipient = rows.find((row) => row.recipient)?.recipient;
    if (!recipient) {
      if (rows.length > 0) this.logger.warn(`digest for ${userId} dropped: no email address known for the user`);
      return [];
    }
    const byId = new Map(rows.map((row) => [row.errorId, row]));
    const entries: DigestEntry[] = rows.map((row) => ({ errorId: row.errorId, assignedAt: new Date(row.assignedAt).toISOString(), assignedBy: row.assignedBy }));
    const parts = digestParts(userId, entries, (errorId) => byId.get(errorId)?.current ?? undefined, this.config.digest.perEmail);
    const total = parts.reduce((sum, part) => sum + part.entries.length, 0);
    const now = this.clock.now();
    return parts.map((part) => {
      const lines = part.entries.map((entry) => toLine(entry, byId.get(entry.errorId)));
      const email = renderDigest(part, total, lines, this.config.linkBaseUrl);
      const errorIds = part.entries.map((entry) => entry.errorId);
      return [randomUUID(), accountId, 'digest', userId, recipient, email.subject, email.text, email.html, errorIds, part.part, part.of, now, now];
    });
  }
}

type EntryRow = Omit<DigestLine, 'occurredAt'> & { userId: string; current: string | null; recipient: string | null; assignedAt: Date; occurredAt: Date | null };

function toLine(entry: DigestEntry, row: EntryRow | undefined): DigestLine {
  return {
    errorId: entry.errorId,
    integrationId: row?.integrationId ?? '',
    flowId: row?.flowId ?? '',
    flowStepId: row?.flowStepId ?? '',
    message: row?.message ?? '(details not received yet)',
    occurredAt: row?.occurredAt ? new Date(row.occurredAt).toISOString() : '',
    assignedBy: entry.assignedBy,
  };
}
