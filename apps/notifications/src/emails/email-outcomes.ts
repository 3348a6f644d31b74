import { Topics } from '@faultline/contracts';
import { assertMatchesContract, OutboxMessage, OutboxWriter } from '@faultline/eventing';
import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { EmailFacts } from './email.outbox';
import { EmailMetrics } from './email-metrics';
import { emailSent } from './email-sent';

export const MAX_BACKOFF_MS = 5 * 60_000;

/** An email of the outbox as a sender took it. */
export interface PendingEmail {
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

export interface SendFailure {
  responseCode?: number;
  message: string;
  permanent?: boolean;
}

/** What became of one attempt: SMTP accepted it (its message id), or it failed. */
export type EmailOutcome = { email: PendingEmail; at: Date } & ({ messageId: string } | { failure: SendFailure });

/**
 * Records what became of sent emails, as many as arrived together in one transaction (each sent
 * one marked sent with its event; each failed one retried with backoff, or failed for good on a
 * permanent refusal). Whoever hands an outcome in waits until it is committed, so each of a
 * sender's workers has at most one sent and unrecorded email at any time: a crash repeats those,
 * never more.
 */
export class EmailOutcomes {
  private readonly logger = new Logger(EmailOutcomes.name);
  private waiting: Array<{ outcome: EmailOutcome; recorded: () => void; failed: (error: unknown) => void }> = [];
  private writing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly metrics: EmailMetrics,
  ) {}

  record(outcome: EmailOutcome): Promise<void> {
    return new Promise((recorded, failed) => {
      this.waiting.push({ outcome, recorded, failed });
      if (!this.writing) void this.writeWhileWaiting();
    });
  }

  private async writeWhileWaiting(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      try {
        await this.dataSource.transaction((manager) => this.write(manager, batch.map((entry) => entry.outcome)));
        this.observe(batch.map((entry) => entry.outcome));
        for (const entry of batch) entry.recorded();
      } catch (error) {
        for (const entry of batch) entry.failed(error);
      }
    }
    this.writing = false;
  }

  private async write(manager: EntityManager, outcomes: EmailOutcome[]): Promise<void> {
    const sent = outcomes.filter((outcome): outcome is Extract<EmailOutcome, { messageId: string }> => 'messageId' in outcome);
    const failed = outcomes.filter((outcome): outcome is Extract<EmailOutcome, { failure: SendFailure }> => 'failure' in outcome);
    if (sent.length > 0) {
      await manager.query(
        `UPDATE emails e SET status = 'sent', sent_at = v.sent_at, smtp_message_id = v.message_id, attempts = e.attempts + 1, claimed_until = NULL
           FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS v(email_id, sent_at, message_id) WHERE e.email_id = v.email_id`,
        [sent.map(({ email }) => email.email_id), sent.map(({ at }) => at), sent.map(({ messageId }) => messageId)],
      );
      await this.outbox.enqueue(manager, sent.map(({ email, messageId, at }) => sentMessage(email, messageId, at)));
    }
    if (failed.length > 0) {
      await manager.query(
        `UPDATE emails e SET status = v.status, attempts = e.attempts + 1, last_error = v.last_error, next_attempt_at = v.next_attempt_at, claimed_until = NULL
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS v(email_id, status, last_error, next_attempt_at) WHERE e.email_id = v.email_id`,
        [
          failed.map(({ email }) => email.email_id),
          failed.map(({ failure }) => (isPermanent(failure) ? 'failed' : 'pending')),
          failed.map(({ failure }) => failure.message.slice(0, 500)),
          failed.map(({ email, at }) => new Date(at.getTime() + Math.min(1_000 * 2 ** email.attempts, MAX_BACKOFF_MS))),
        ],
      );
    }
  }

  private observe(outcomes: EmailOutcome[]): void {
    for (const outcome of outcomes) {
      const { email, at } = outcome;
      if ('messageId' in outcome) {
        this.metrics.sent(email.facts.kind, email.due_at, at);
        continue;
      }
      const permanent = isPermanent(outcome.failure);
      this.metrics.notSent(email.facts.kind, permanent);
      this.logger.warn(`email ${email.email_id} ${permanent ? 'refused for good' : 'not sent, will retry'}: ${outcome.failure.message}`);
    }
  }
}

/** A 5xx answer is the server's final word on the message; anything else may pass later. */
const isPermanent = (failure: SendFailure): boolean => failure.permanent === true || (typeof failure.responseCode === 'number' && failure.responseCode >= 500);

function sentMessage(email: PendingEmail, smtpMessageId: string, at: Date): OutboxMessage {
  const sent = { emailId: email.email_id, accountId: email.account_id, userId: email.user_id, errorIds: email.error_ids, facts: email.facts };
  return { topic: Topics.notificationsEvents, key: email.user_id, value: emailSent(sent, smtpMessageId, at) };
}

/** Why the email's sent event could never be written, checked before anything is sent. */
export function refusalToRecord(email: PendingEmail, at: Date): string | undefined {
  try {
    assertMatchesContract(sentMessage(email, '<not sent yet>', at));
    return undefined;
  } catch (error) {
    return `not sent: its sent event could not be recorded (${(error as Error).message})`;
  }
}
