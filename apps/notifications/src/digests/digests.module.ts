import { DynamicModule, Module } from '@nestjs/common';
import { EmailSender } from '../emails/email.sender';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { AssignmentsConsumer, ErrorsConsumer } from './assignments.consumer';
import { DigestFlusher } from './digest.flusher';

@Module({})
export class DigestsModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: DigestsModule,
      controllers: [AssignmentsConsumer, ErrorsConsumer],
      providers: [{ provide: NOTIFICATIONS_CONFIG, useValue: config }, DigestFlusher, EmailSender],
    };
  }
}
