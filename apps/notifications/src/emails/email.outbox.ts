import { chunk, valuesClause } from '@faultline/eventing';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RenderedEmail } from './rendered-email';

/** What each kind of email's sent event reports, beyond who got it and when. */
export type EmailFacts =
  | { kind: 'digest'; part: number; of: number }
  | { kind: 'invitation'; fromAssignment: boolean }
  | { kind: 'error_notification'; newErrorIds: string[]; resolvedErrorIds: string[]; openErrors: number }
  | { kind: 'severity'; errorId: string; severity: 'medium' | 'high' }
  | { kind: 'assignment_refused'; requestId: string; code: string };

export type EmailKind = EmailFacts['kind'];

export interface NewEmail {
  accountId: string;
  userId: string;
  recipient: string;
  content: RenderedEmail;
  /** Every error the email mentions (the audit filters by them). */
  errorIds: string[];
  facts: EmailFacts;
  /** A digest's: when its window closed, so the delay in sending it can be measured. */
  dueAt?: Date;
}

const COLUMNS = 12;
const ROWS_PER_STATEMENT = 200;

/**
 * Puts emails in the email outbox, in the caller's transaction, so an email exists exactly when
 * the change that asked for it commits; the sender delivers them.
 */
export async function enqueueEmails(manager: EntityManager, emails: NewEmail[], now: Date): Promise<void> {
  for (const part of chunk(emails, ROWS_PER_STATEMENT)) {
    await manager.query(
      `INSERT INTO emails (email_id, account_id, kind, user_id, recipient, subject, text_body, html_body, error_ids, facts, next_attempt_at, due_at, created_at)
       SELECT v.*, v.next_attempt_at FROM (VALUES ${valuesClause(part.length, COLUMNS, ['::uuid', '', '', '', '', '', '', '', '::uuid[]', '::jsonb', '::timestamptz', '::timestamptz'])})
         AS v(email_id, account_id, kind, user_id, recipient, subject, text_body, html_body, error_ids, facts, next_attempt_at, due_at)`,
      part.flatMap((email) => [
        randomUUID(),
        email.accountId,
        email.facts.kind,
        email.userId,
        email.recipient,
        email.content.subject,
        email.content.text,
        email.content.html,
        email.errorIds,
        JSON.stringify(email.facts),
        now,
        email.dueAt ?? null,
      ]),
    );
  }
}
