import { DynamicModule, Module } from '@nestjs/common';
import { EmailsAudit } from './audit/emails-audit';
import { EmailsAuditController } from './audit/emails-audit.controller';
import { AssignmentDigests } from './digests/assignment-digests';
import { AssignmentsConsumer } from './digests/assignments.consumer';
import { EmailMetrics } from './emails/email-metrics';
import { EmailSender } from './emails/email.sender';
import { ErrorsEventsConsumer } from './flow-errors/errors-events.consumer';
import { InvitationsConsumer } from './invitations/invitations.consumer';
import { AcceptanceLinks } from './invitations/acceptance-links';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';
import { DeactivatedUsersConsumer } from './subscriptions/deactivated-users.consumer';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';
import { ErrorSummaries } from './summaries/error-summaries';
import { DIGEST_STREAMS, WindowFlusher } from './windows/window.flusher';

@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsModule,
      controllers: [AssignmentsConsumer, ErrorsEventsConsumer, InvitationsConsumer, SubscriptionsController, DeactivatedUsersConsumer, EmailsAuditController],
      providers: [
        { provide: NOTIFICATIONS_CONFIG, useValue: config },
        AcceptanceLinks,
        AssignmentDigests,
        ErrorSummaries,
        { provide: DIGEST_STREAMS, inject: [AssignmentDigests, ErrorSummaries], useFactory: (...streams: unknown[]) => streams },
        WindowFlusher,
        EmailSender,
        EmailMetrics,
        SubscriptionsService,
        EmailsAudit,
      ],
    };
  }
}
