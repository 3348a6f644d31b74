import { Refusal } from '@faultline/access-policy';
import type { AuditedEmail, EmailsPage, EmailsQuery } from '@faultline/contracts';
import { returning } from '@faultline/eventing';
import { KeysetCursor, NotFoundError } from '@faultline/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A retry was asked for an email that has not failed. */
export class EmailNotFailed extends Refusal {
  readonly code = 'EMAIL_NOT_FAILED';
}

/** Microseconds kept, so a cursor made from the text finds its own row's place exactly. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const AUDITED = `email_id AS "emailId", kind, user_id AS "userId", recipient, subject, error_ids AS "errorIds", status, attempts,
  ${iso('created_at')} AS "createdAt", ${iso('sent_at')} AS "sentAt", smtp_message_id AS "smtpMessageId", last_error AS "lastError"`;

/** Every email of an account, newest first, with what it was about and how delivery went. */
@Injectable()
export class EmailsAudit {
  constructor(private readonly dataSource: DataSource) {}

  async page(accountId: string, query: EmailsQuery): Promise<EmailsPage> {
    const conditions = ['account_id = $1'];
    const params: unknown[] = [accountId];
    const where = (sql: (param: string) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(`$${params.length}`));
    };
    if (query.kind) where((p) => `kind = ${p}`, query.kind);
    if (query.status) where((p) => `status = ${p}`, query.status);
    if (query.userId) where((p) => `user_id = ${p}`, query.userId);
    if (query.errorId) where((p) => `${p}::uuid = ANY(error_ids)`, query.errorId);
    if (query.cursor) {
      const { at, id } = KeysetCursor.decode(query.cursor);
      params.push(at, id);
      conditions.push(`(created_at, email_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const rows: AuditedEmail[] = await this.dataSource.query(
      `SELECT ${AUDITED} FROM emails WHERE ${conditions.join(' AND ')} ORDER BY created_at DESC, email_id DESC LIMIT ${query.limit + 1}`,
      params,
    );
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > query.limit && last ? KeysetCursor.encode(last.createdAt, last.emailId) : null };
  }

  /** Sends a permanently failed email again (say, once its mailbox exists): pending from now, backoff from the start. */
  async retry(accountId: string, emailId: string, now: Date): Promise<AuditedEmail> {
    const [retried] = await returning<AuditedEmail>(
      this.dataSource.manager,
      `UPDATE emails SET status = 'pending', attempts = 0, next_attempt_at = $3 WHERE email_id = $1 AND account_id = $2 AND status = 'failed' RETURNING ${AUDITED}`,
      [emailId, accountId, now],
    );
    if (retried) return retried;
    const [other]: Array<{ status: string }> = await this.dataSource.query('SELECT status FROM emails WHERE email_id = $1 AND account_id = $2', [emailId, accountId]);
    if (!other) throw new NotFoundError(`email ${emailId}`);
    throw new EmailNotFailed(`email ${emailId} is ${other.status}; only a failed email is sent again`);
  }
}
