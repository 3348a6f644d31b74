import { ACCESS_MIGRATIONS, AccessModule } from '@faultline/access';
import { Clock, ServiceModule } from '@faultline/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { NotificationsModule } from './notifications.module';
import { Digests1732300000800 } from './infrastructure/digests.migration';
import { InvitationErrors1732300001000 } from './infrastructure/invitation-errors.migration';
import { SealedInvitationTokens1732300001200 } from './infrastructure/sealed-invitation-tokens.migration';
import { ErrorNames1732300001300 } from './infrastructure/error-names.migration';
import { ErrorNotifications1732300000900 } from './infrastructure/error-notifications.migration';
import { EmailDueAt1732300001500 } from './infrastructure/email-due-at.migration';
import { EmailClaims1732300001600 } from './infrastructure/email-claims.migration';
import type { NotificationsConfig } from './notifications.config';

@Module({})
export class NotificationsAppModule {
  static forRoot(config: NotificationsConfig, clock?: Clock): DynamicModule {
    return {
      module: NotificationsAppModule,
      imports: [
        ServiceModule.forRoot({ config: config.service, migrations: [...ACCESS_MIGRATIONS, Digests1732300000800, ErrorNotifications1732300000900, InvitationErrors1732300001000, SealedInvitationTokens1732300001200, ErrorNames1732300001300, EmailDueAt1732300001500, EmailClaims1732300001600], clock }),
        AccessModule.forRoot({ jwtSecret: config.service.jwtSecret }),
        NotificationsModule.forRoot(config),
      ],
    };
  }
}
