import { OutboxWriter, returning } from '@faultline/eventing';
import { CLOCK, Clock, RelayService, PeriodicJob } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { EmailMetrics } from './email-metrics';
import { EmailOutcome, EmailOutcomes, PendingEmail, refusalToRecord, SendFailure } from './email-outcomes';
import { smtpTransport } from './smtp-transport';

/**
 * Emails taken per claim, for each SMTP connection. Between two claims the connections idle while
 * the last emails of one are sent and the next is taken: 25 per connection reached 0.56–0.69 of
 * the SMTP floor on a slow machine, 100 reached 0.68–0.95 (docs/benchmarks.md).
 */
const CLAIMED_PER_CONNECTION = 100;
/**
 * How long a claim keeps other senders off its emails. A sender starts no email later than
 * CLAIM_MS − SEND_MARGIN_MS after claiming it, and SMTP's own timeouts (smtp-transport.ts) end
 * an attempt well within the margin, so no two senders send one email; a sender that died lets
 * its emails go when the claim ends.
 */
export const CLAIM_MS = 120_000;
const SEND_MARGIN_MS = 60_000;

const PENDING_COLUMNS = 'email_id, account_id, user_id, recipient, subject, text_body, html_body, error_ids, facts, attempts, due_at';

/** Workers per SMTP connection: while one waits for its email's record, the other sends (measured: 0.62 of the SMTP floor with one, 0.84–0.87 with two). */
const WORKERS_PER_CONNECTION = 2;

/**
 * Delivers the email outbox over SMTP: claims the emails that are due, a batch at a time, sends
 * them over pooled connections, and records what became of them together (EmailOutcomes). A
 * crash after SMTP accepted an email and before it was recorded sends it once more: at most one
 * email per worker. SMTP failures are retried with backoff; a permanent refusal (5xx) is recorded as
 * failed and stays visible in the audit.
 */
@Injectable()
export class EmailSender extends PeriodicJob {
  protected readonly name = 'email delivery';
  private readonly transport: Transporter;
  private readonly outcomes: EmailOutcomes;

  constructor(
    private readonly dataSource: DataSource,
    outbox: OutboxWriter,
    private readonly relay: RelayService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
    metrics: EmailMetrics,
  ) {
    super();
    this.transport = smtpTransport(config.smtp.url, config.smtp.concurrency);
    this.outcomes = new EmailOutcomes(dataSource, outbox, metrics);
  }

  protected intervalMs(): number {
    return this.config.digest.flushIntervalMs;
  }

  override async onApplicationShutdown(): Promise<void> {
    await super.onApplicationShutdown();
    this.transport.close();
  }

  /** Sends every email that is due, claim by claim, until one comes back short or sending outlasts a claim. */
  async tick(): Promise<void> {
    const perClaim = CLAIMED_PER_CONNECTION * this.config.smtp.concurrency;
    for (;;) {
      const claimedAt = this.clock.now();
      const claimed = await this.claim(claimedAt, perClaim);
      if (claimed.length === 0) return;
      const allSent = await this.sendAll(claimed, claimedAt.getTime() + CLAIM_MS - SEND_MARGIN_MS);
      this.relay.nudge();
      if (!allSent || claimed.length < perClaim) return;
    }
  }

  private claim(at: Date, limit: number): Promise<PendingEmail[]> {
    return returning<PendingEmail>(
      this.dataSource.manager,
      `UPDATE emails SET claimed_until = $2 WHERE email_id IN (
         SELECT email_id FROM emails
          WHERE status = 'pending' AND next_attempt_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
          ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
       RETURNING ${PENDING_COLUMNS}`,
      [at, new Date(at.getTime() + CLAIM_MS)],
    );
  }

  /**
   * Answers false when the claim ran out before every email was started; those not started are
   * let go at once, so a slow SMTP server delays them by a tick, not by what is left of the claim.
   */
  private async sendAll(emails: PendingEmail[], startBefore: number): Promise<boolean> {
    const queue = [...emails];
    const notStarted: PendingEmail[] = [];
    const worker = async () => {
      for (let email = queue.shift(); email; email = queue.shift()) {
        if (notStarted.length > 0 || this.clock.now().getTime() > startBefore) notStarted.push(email);
        else await this.outcomes.record(await this.attempt(email));
      }
    };
    // Every worker ends before the tick does (a failed record stops only its own worker), so ticks never overlap.
    const workers = await Promise.allSettled(Array.from({ length: this.config.smtp.concurrency * WORKERS_PER_CONNECTION }, worker));
    if (notStarted.length > 0) await this.release(notStarted);
    const failed = workers.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    return notStarted.length === 0;
  }

  private async release(emails: PendingEmail[]): Promise<void> {
    await this.dataSource.query(`UPDATE emails SET claimed_until = NULL WHERE email_id = ANY($1::uuid[]) AND status = 'pending'`, [
      emails.map((email) => email.email_id),
    ]);
  }

  private async attempt(email: PendingEmail): Promise<EmailOutcome> {
    const at = this.clock.now();
    const unrecordable = refusalToRecord(email, at);
    // Sending what can never be recorded would send it again on every tick.
    if (unrecordable) return { email, at, failure: { message: unrecordable, permanent: true } };
    try {
      const { messageId } = await this.transport.sendMail({
        from: this.config.smtp.from,
        to: email.recipient,
        subject: email.subject,
        text: email.text_body,
        html: email.html_body,
        headers: { 'X-Faultline-Email-Id': email.email_id },
      });
      return { email, at, messageId };
    } catch (error) {
      return { email, at, failure: error as SendFailure };
    }
  }
}
