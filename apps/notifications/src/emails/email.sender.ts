import { Topics } from '@faultline/contracts';
import { assertMatchesContract, OutboxMessage, OutboxWriter } from '@faultline/eventing';
import { CLOCK, Clock, OutboxRelayService, PeriodicJob } from '@faultline/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { DataSource, EntityManager } from 'typeorm';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import type { EmailFacts } from './email.outbox';
import { EmailMetrics } from './email-metrics';
import { emailSent } from './email-sent';
import { smtpTransport } from './smtp-transport';

const EMAILS_PER_QUERY = 500;
export const MAX_BACKOFF_MS = 5 * 60_000;

interface PendingEmail {
  email_id: string;
  account_id: string;
  user_id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  error_ids: string[];
  facts: EmailFacts;
  attempts: number;
  due_at: Date | null;
}

/**
 * Delivers the email outbox over SMTP, a few emails at a time over pooled connections. Each
 * email is locked while it is sent and marked sent (with its event) in its own transaction, so
 * a crash after SMTP accepted it and before the commit sends that one email once more, never
 * more. SMTP failures are retried with backoff; a permanent refusal (5xx) is recorded as
 * failed and stays visible in the audit.
 */
@Injectable()
export class EmailSender extends PeriodicJob {
  protected readonly name = 'email delivery';
  private readonly logger = new Logger(EmailSender.name);
  private readonly transport: Transporter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    private readonly metrics: EmailMetrics,
  ) {
    super();
    this.transport = smtpTransport(config.smtp.url, config.smtp.concurrency);
  }

  protected intervalMs(): number {
    return this.config.digest.flushIntervalMs;
  }

  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    this.transport.close();
  }

  /** Sends every email that is due, each in its own transaction: one crash repeats one email at most. */
  async tick(): Promise<void> {
    let due: string[];
    do {
      const rows: Array<{ email_id: string }> = await this.dataSource.query(
        `SELECT email_id FROM emails WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT ${EMAILS_PER_QUERY}`,
        [this.clock.now()],
      );
      due = rows.map((row) => row.email_id);
      const queue = [...due];
      const worker = async () => {
        for (let emailId = queue.shift(); emailId; emailId = queue.shift()) await this.dataSource.transaction((manager) => this.sendOne(manager, emailId));
      };
      await Promise.all(Array.from({ length: this.config.smtp.concurrency }, worker));
      if (due.length > 0) this.relay.nudge();
    } while (due.length === EMAILS_PER_QUERY);
  }

  /** Locks the email (another sender skips it), sends it, records the outcome. */
  private async sendOne(manager: EntityManager, emailId: string): Promise<void> {
    const [email]: PendingEmail[] = await manager.query(
      `SELECT email_id, account_id, user_id, recipient, subject, text_body, html_body, error_ids, facts, attempts, due_at
         FROM emails WHERE email_id = $1 AND status = 'pending' FOR UPDATE SKIP LOCKED`,
      [emailId],
    );
    if (email) await this.send(manager, email, this.clock.now());
  }

  private async send(manager: EntityManager, email: PendingEmail, now: Date): Promise<void> {
    const unrecordable = refusalToRecord(email, now);
    if (unrecordable) {
      // Sending what can never be recorded would send it again on every tick.
      await this.recordFailure(manager, email, { responseCode: undefined, message: unrecordable, permanent: true }, now);
      return;
    }
    let messageId: string;
    try {
      ({ messageId } = await this.transport.sendMail({
        from: this.config.smtp.from,
        to: email.recipient,
        subject: email.subject,
        text: email.text_body,
        html: email.html_body,
        headers: { 'X-Faultline-Email-Id': email.email_id },
      }));
    } catch (error) {
      await this.recordFailure(manager, email, error as { responseCode?: number; message: string }, now);
      return;
    }
    // Not caught: if recording fails, the transaction rolls back and the email is sent again once.
    await manager.query("UPDATE emails SET status = 'sent', sent_at = $2, smtp_message_id = $3, attempts = attempts + 1 WHERE email_id = $1", [
      email.email_id,
      now,
      messageId,
    ]);
    await this.outbox.enqueue(manager, [sentMessage(email, messageId, now)]);
    this.metrics.sent(email.facts.kind, email.due_at, now);
  }

  private async recordFailure(
    manager: EntityManager,
    email: PendingEmail,
    error: { responseCode?: number; message: string; permanent?: boolean },
    now: Date,
  ): Promise<void> {
    const permanent = error.permanent || (typeof error.responseCode === 'number' && error.responseCode >= 500);
    const delay = Math.min(1_000 * 2 ** email.attempts, MAX_BACKOFF_MS);
    await manager.query('UPDATE emails SET status = $2, attempts = attempts + 1, last_error = $3, next_attempt_at = $4 WHERE email_id = $1', [
      email.email_id,
      permanent ? 'failed' : 'pending',
      error.message.slice(0, 500),
      new Date(now.getTime() + delay),
    ]);
    this.metrics.notSent(email.facts.kind, permanent);
    this.logger.warn(`email ${email.email_id} ${permanent ? 'refused for good' : 'not sent, will retry'}: ${error.message}`);
  }
}

function sentMessage(email: PendingEmail, smtpMessageId: string, now: Date): OutboxMessage {
  const sent = { emailId: email.email_id, accountId: email.account_id, userId: email.user_id, errorIds: email.error_ids, facts: email.facts };
  return { topic: Topics.notificationsEvents, key: email.user_id, value: emailSent(sent, smtpMessageId, now) };
}

/** Why the email's sent event could never be written, checked before anything is sent. */
function refusalToRecord(email: PendingEmail, now: Date): string | undefined {
  try {
    assertMatchesContract(sentMessage(email, '<not sent yet>', now));
    return undefined;
  } catch (error) {
    return `not sent: its sent event could not be recorded (${(error as Error).message})`;
  }
}
