import { DigestSentV1, InvitationEmailSentV1, Topics } from '@faultline/contracts';
import { OutboxWriter } from '@faultline/eventing';
import { CLOCK, Clock, OutboxRelayService } from '@faultline/platform';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import nodemailer, { Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';

const EMAILS_PER_BATCH = 50;
const MAX_BACKOFF_MS = 5 * 60_000;

interface PendingEmail {
  email_id: string;
  kind: 'digest' | 'invitation';
  account_id: string;
  user_id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  error_ids: string[];
  part: number;
  of: number;
  from_assignment: boolean;
  attempts: number;
}

/**
 * Delivers the email outbox over SMTP. A row is locked while it is sent and marked sent (with
 * its DigestSent event) in the same transaction, so a crash after SMTP accepted it and before
 * the commit sends that one email once more, never more. SMTP failures are retried with
 * backoff; a permanent refusal (5xx) is recorded as failed and stays visible.
 */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly logger = new Logger(EmailSender.name);
  private readonly transport: Transporter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {
    this.transport = nodemailer.createTransport(config.smtp.url);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }

  async sendPending(): Promise<void> {
    let sent: number;
    do {
      sent = await this.dataSource.transaction((manager) => this.sendBatch(manager));
    } while (sent === EMAILS_PER_BATCH);
  }

  private async sendBatch(manager: EntityManager): Promise<number> {
    const now = this.clock.now();
    const pending: PendingEmail[] = await manager.query(
      `SELECT email_id, kind, account_id, user_id, recipient, subject, text_body, html_body, error_ids, part, of, from_assignment, attempts FROM emails
        WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT ${EMAILS_PER_BATCH} FOR UPDATE SKIP LOCKED`,
      [now],
    );
    for (const email of pending) await this.send(manager, email, now);
    if (pending.length > 0) this.relay.nudge();
    return pending.length;
  }

  private async send(manager: EntityManager, email: PendingEmail, now: Date): Promise<void> {
    try {
      const info = await this.transport.sendMail({
        from: this.config.smtp.from,
        to: email.recipient,
        subject: email.subject,
        text: email.text_body,
        html: email.html_body,
        headers: { 'X-Faultline-Email-Id': email.email_id },
      });
      await manager.query("UPDATE emails SET status = 'sent', sent_at = $2, smtp_message_id = $3, attempts = attempts + 1 WHERE email_id = $1", [
        email.email_id,
        now,
        info.messageId,
      ]);
      await this.outbox.enqueue(manager, [{ topic: Topics.notificationsEvents, key: email.user_id, value: emailSent(email, info.messageId, now) }]);
    } catch (error) {
      const { responseCode, message } = error as { responseCode?: number; message: string };
      const permanent = typeof responseCode === 'number' && responseCode >= 500;
      const delay = Math.min(1_000 * 2 ** email.attempts, MAX_BACKOFF_MS);
      await manager.query(
        'UPDATE emails SET status = $2, attempts = attempts + 1, last_error = $3, next_attempt_at = $4 WHERE email_id = $1',
        [email.email_id, permanent ? 'failed' : 'pending', message.slice(0, 500), new Date(now.getTime() + delay)],
      );
      this.logger.warn(`email ${email.email_id} ${permanent ? 'refused for good' : 'not sent, will retry'}: ${message}`);
    }
  }
}

/** Every email sent is an event: DigestSent for a digest part, InvitationEmailSent for an invitation. */
function emailSent(email: PendingEmail, smtpMessageId: string, now: Date): DigestSentV1 | InvitationEmailSentV1 {
  const envelope = {
    eventId: randomUUID(),
    version: 1 as const,
    occurredAt: now.toISOString(),
    accountId: email.account_id,
    correlationId: email.email_id,
    actor: { type: 'system' as const, id: 'notifications' },
  };
  if (email.kind === 'invitation') {
    return { ...envelope, type: 'InvitationEmailSent', data: { emailId: email.email_id, userId: email.user_id, fromAssignment: email.from_assignment, smtpMessageId } };
  }
  return {
    ...envelope,
    type: 'DigestSent',
    data: { emailId: email.email_id, userId: email.user_id, errorIds: email.error_ids, part: email.part, of: email.of, smtpMessageId },
  };
}
