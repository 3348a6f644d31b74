import type { AssignmentRefusalSentV1, DigestSentV1, ErrorNotificationSentV1, InvitationEmailSentV1, SeverityNotificationSentV1 } from '@faultline/contracts';
import { randomUUID } from 'node:crypto';
import type { EmailFacts } from './email.outbox';

export type EmailSentEvent = DigestSentV1 | InvitationEmailSentV1 | ErrorNotificationSentV1 | SeverityNotificationSentV1 | AssignmentRefusalSentV1;

export interface SentEmail {
  emailId: string;
  accountId: string;
  userId: string;
  errorIds: string[];
  facts: EmailFacts;
}

/** Every email sent is an event on notifications.events.v1, named after its kind. */
export function emailSent(email: SentEmail, smtpMessageId: string, now: Date): EmailSentEvent {
  const envelope = {
    eventId: randomUUID(),
    version: 1 as const,
    occurredAt: now.toISOString(),
    accountId: email.accountId,
    correlationId: email.emailId,
    actor: { type: 'system' as const, id: 'notifications' },
  };
  const sent = { emailId: email.emailId, userId: email.userId, smtpMessageId };
  const { facts } = email;
  switch (facts.kind) {
    case 'digest':
      return { ...envelope, type: 'DigestSent', data: { ...sent, errorIds: email.errorIds, part: facts.part, of: facts.of } };
    case 'invitation':
      return {
        ...envelope,
        type: 'InvitationEmailSent',
        data: { ...sent, fromAssignment: facts.fromAssignment, ...(email.errorIds.length > 0 ? { errorIds: email.errorIds } : {}) },
      };
    case 'error_notification':
      return {
        ...envelope,
        type: 'ErrorNotificationSent',
        data: { ...sent, newErrorIds: facts.newErrorIds, resolvedErrorIds: facts.resolvedErrorIds, openErrors: facts.openErrors },
      };
    case 'severity':
      return { ...envelope, type: 'SeverityNotificationSent', data: { ...sent, errorId: facts.errorId, severity: facts.severity } };
    case 'assignment_refused':
      return { ...envelope, type: 'AssignmentRefusalSent', data: { ...sent, requestId: facts.requestId, code: facts.code } };
  }
}
