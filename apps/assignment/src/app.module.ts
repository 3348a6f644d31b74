import { AccessModule } from '@faultline/access';
import { Clock, ServiceConfig, ServiceModule } from '@faultline/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { AssignmentsModule } from './assignments/assignments.module';
import { ASSIGNMENT_MIGRATIONS } from './infrastructure/assignment-migrations';

@Module({})
export class AssignmentAppModule {
  static forRoot(config: ServiceConfig, clock?: Clock): DynamicModule {
    return {
      module: AssignmentAppModule,
      imports: [
        ServiceModule.forRoot({ config, migrations: ASSIGNMENT_MIGRATIONS, clock }),
        AccessModule.forRoot({ jwtSecret: config.jwtSecret }),
        AssignmentsModule,
      ],
    };
  }
}
