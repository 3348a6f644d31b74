import { DynamicModule, Module } from '@nestjs/common';
import { EmailSender } from './emails/email.sender';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from './notifications.config';
import { AssignmentsConsumer, ErrorsConsumer } from './digests/assignments.consumer';
import { DigestFlusher } from './digests/digest.flusher';
import { InvitationsConsumer } from './invitations/invitations.consumer';

@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsModule,
      controllers: [AssignmentsConsumer, ErrorsConsumer, InvitationsConsumer],
      providers: [{ provide: NOTIFICATIONS_CONFIG, useValue: config }, DigestFlusher, EmailSender],
    };
  }
}
