import { ErrorPurgedV1, ErrorRecordedV1, ErrorReopenedV1, ErrorResolvedV1, SeverityNotificationRequestedV1, Topics } from '@faultline/contracts';
import { BatchVerdict, ConsumedBatch, Inbox } from '@faultline/eventing';
import { AnnouncementGrace, CLOCK, Clock } from '@faultline/platform';
import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { enqueueEmails } from '../emails/email.outbox';
import { EmailSender } from '../emails/email.sender';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { accountsWithOwner, severityEmails } from '../severity/severity-notifications';
import { noteForSubscribers } from '../summaries/summary-entries';
import { ErrorsCopy, statusChanges } from './errors-copy';

type ErrorsEvent = ErrorRecordedV1 | ErrorResolvedV1 | ErrorReopenedV1 | ErrorPurgedV1 | SeverityNotificationRequestedV1 | { type: 'other'; eventId: string };

const CONSUMER = 'notifications.errors';

/**
 * errors.events.v1, a batch per transaction: the errors copy (details, status, purges), the
 * subscribers' summary entries for new errors and for resolutions worth telling, and severity
 * notifications, sent at once. A severity notification for an account whose owner is not known
 * here yet waits for identity's announcement (UNKNOWN_ACCOUNT_GRACE_MS); one nobody here can
 * receive even then goes to the DLQ with the reason, released from the inbox so a replay delivers it.
 */
@Controller()
export class ErrorsEventsConsumer {
  private readonly logger = new Logger(ErrorsEventsConsumer.name);
  private readonly owners: AnnouncementGrace;

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly sender: EmailSender,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {
    this.owners = new AnnouncementGrace(config.unknownAccountGraceMs);
  }

  @EventPattern(Topics.errorsEvents)
  async onErrors(@Payload() batch: ConsumedBatch<ErrorsEvent>): Promise<BatchVerdict> {
    const severityAccounts = batch.events.filter(({ event }) => event.type === 'SeverityNotificationRequested').map(({ event }) => (event as SeverityNotificationRequestedV1).accountId);
    if (severityAccounts.length > 0) await this.owners.known([...new Set(severityAccounts)], (ids) => accountsWithOwner(this.dataSource.manager, ids));
    const now = this.clock.now();
    const windowMs = this.config.errorSummary.windowMs;
    const { unaddressed, queued } = await this.dataSource.transaction(async (manager) => {
      const events = await this.inbox.fresh(manager, CONSUMER, batch.events.map(({ event }) => event));
      const ofType = <T extends ErrorsEvent['type']>(type: T) => events.filter((event): event is Extract<ErrorsEvent, { type: T }> => event.type === type);

      const recorded = ofType('ErrorRecorded');
      await ErrorsCopy.record(manager, recorded);
      await ErrorsCopy.changeStatus(manager, statusChanges(events.filter((event) => event.type === 'ErrorResolved' || event.type === 'ErrorReopened')));
      await ErrorsCopy.forget(manager, ofType('ErrorPurged').map((event) => event.data.errorId));
      await noteForSubscribers(manager, { recorded, resolved: ofType('ErrorResolved') }, now, windowMs);

      const severity = await severityEmails(manager, ofType('SeverityNotificationRequested'), this.config.linkBaseUrl);
      await enqueueEmails(manager, severity.emails, now);
      await this.inbox.release(manager, CONSUMER, severity.unaddressed.map((entry) => entry.eventId));
      return { unaddressed: severity.unaddressed, queued: severity.emails.length > 0 };
    });
    if (queued) this.sender.nudge();
    if (unaddressed.length > 0) this.logger.warn(`severity notifications without a recipient: ${unaddressed.map((entry) => entry.reason).join('; ')}`);
    return { rejected: unaddressed };
  }
}
