import { ACCESS_MIGRATIONS, AccessModule } from '@faultline/access';
import { Clock, ServiceConfig, ServiceModule } from '@faultline/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { AssignmentsModule } from './assignments/assignments.module';
import { AssignableErrors1732300000700 } from './infrastructure/assignable-errors.migration';
import { EmailAssignmentRequestsByRequest1732300000800 } from './infrastructure/email-assignment-requests.migration';
import { InvitationRequestOutcomes1732300001900 } from './infrastructure/invitation-request-outcomes.migration';

@Module({})
export class AssignmentAppModule {
  static forRoot(config: ServiceConfig, clock?: Clock): DynamicModule {
    return {
      module: AssignmentAppModule,
      imports: [
        ServiceModule.forRoot({ config, migrations: [...ACCESS_MIGRATIONS, AssignableErrors1732300000700, EmailAssignmentRequestsByRequest1732300000800, InvitationRequestOutcomes1732300001900], clock }),
        AccessModule.forRoot({ jwtSecret: config.jwtSecret }),
        AssignmentsModule,
      ],
    };
  }
}
