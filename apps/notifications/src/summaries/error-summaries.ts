import { accessTo, covers, Role } from '@faultline/access-policy';
import { groupBy } from '@faultline/eventing';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NewEmail } from '../emails/email.outbox';
import { errorLinks } from '../emails/rendered-email';
import { renderSummary } from '../emails/summary.template';
import { ErrorsCopy } from '../flow-errors/errors-copy';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import type { DigestStream, DueWindow } from '../windows/digest-windows';
import { OpenInFlow, summarize, SummaryEntry } from './summary.rules';

type EntryRow = Omit<SummaryEntry, 'at' | 'occurredAt'> & { userId: string; at: Date; occurredAt: Date };
type OpenRow = OpenInFlow & { userId: string };
interface Subscriber {
  userId: string;
  email: string;
  role: Role;
  status: string;
  access: Record<string, 'monitor' | 'manage'>;
}

/**
 * The error notification summaries: at the flush, each subscriber's pending changes and the
 * open counts of their flows become one email, or none when nothing is worth telling.
 */
@Injectable()
export class ErrorSummaries implements DigestStream {
  readonly stream = 'errors';

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {}

  async compose(manager: EntityManager, windows: DueWindow[]): Promise<NewEmail[]> {
    const userIds = windows.map((window) => window.userId);
    const entries: EntryRow[] = await manager.query(
      `WITH taken AS (DELETE FROM summary_entries WHERE user_id = ANY($1::text[]) RETURNING *)
       SELECT k.user_id AS "userId", k.error_id AS "errorId", k.change, k.at, e.integration_id AS "integrationId", e.flow_id AS "flowId",
              e.flow_step_id AS "flowStepId", e.integration_name AS "integrationName", e.flow_name AS "flowName", e.flow_step_name AS "flowStepName", e.message, e.occurred_at AS "occurredAt", e.status, e.resolution, e.mentioned,
              s.user_id IS NOT NULL AS subscribed
         FROM taken k
         JOIN notify_errors e ON e.error_id = k.error_id
         LEFT JOIN flow_subscriptions s ON s.user_id = k.user_id AND s.account_id = e.account_id AND s.integration_id = e.integration_id AND s.flow_id = e.flow_id`,
      [userIds],
    );
    const open: OpenRow[] = await manager.query(
      `SELECT s.user_id AS "userId", s.integration_id AS "integrationId", s.flow_id AS "flowId", count(e.error_id)::int AS open
         FROM flow_subscriptions s
         LEFT JOIN notify_errors e ON e.account_id = s.account_id AND e.integration_id = s.integration_id AND e.flow_id = s.flow_id AND e.status = 'open'
        WHERE s.user_id = ANY($1::text[])
        GROUP BY 1, 2, 3 ORDER BY 2, 3`,
      [userIds],
    );
    const subscribers: Subscriber[] = await manager.query(
      `SELECT user_id AS "userId", email, role, status, access FROM access_users WHERE user_id = ANY($1::text[]) AND status = 'active'`,
      [userIds],
    );
    const entriesByUser = groupBy(entries, (row) => row.userId);
    const openByUser = groupBy(open, (row) => row.userId);
    const subscriberById = new Map(subscribers.map((subscriber) => [subscriber.userId, subscriber]));
    const emails = windows.flatMap((window) => {
      const subscriber = subscriberById.get(window.userId);
      return subscriber ? this.summaryEmail(window, subscriber, entriesByUser.get(window.userId) ?? [], openByUser.get(window.userId) ?? []) : [];
    });
    await ErrorsCopy.markMentioned(manager, emails.flatMap((email) => email.errorIds));
    return emails;
  }

  private summaryEmail({ accountId }: DueWindow, subscriber: Subscriber, rows: EntryRow[], open: OpenRow[]): NewEmail[] {
    const canMonitor = (integrationId: string) => covers(accessTo({ ...subscriber, accountId, status: 'active' }, integrationId), 'monitor');
    const entries = rows.map((row) => ({ ...row, at: new Date(row.at).toISOString(), occurredAt: new Date(row.occurredAt).toISOString() }));
    const summary = summarize(entries, open, canMonitor);
    if (!summary) return [];
    const perSection = this.config.digest.perEmail;
    const mentioned = [...summary.newErrors, ...summary.resolved].map((entry) => entry.errorId);
    return [
      {
        accountId,
        userId: subscriber.userId,
        recipient: subscriber.email,
        content: renderSummary(summary, perSection, {
          error: errorLinks(this.config.linkBaseUrl),
          errorsList: `${this.config.linkBaseUrl}/errors`,
          settings: `${this.config.linkBaseUrl}/settings/notifications`,
        }),
        errorIds: [...new Set(mentioned)],
        facts: {
          kind: 'error_notification',
          newErrorIds: summary.newErrors.map((entry) => entry.errorId),
          resolvedErrorIds: summary.resolved.map((entry) => entry.errorId),
          openErrors: summary.openErrors,
        },
      },
    ];
  }
}
