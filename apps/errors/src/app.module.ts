import { AccessModule, AccessTables1732300000300 } from '@faultline/access';
import { Clock, ServiceModule } from '@faultline/platform';
import { DynamicModule, Module } from '@nestjs/common';
import type { ErrorsConfig } from './errors.config';
import { ErrorsModule } from './errors/errors.module';
import { ErrorsListClassification1732300000400 } from './infrastructure/errors-list-classification.migration';
import { ErrorsListTable1732300000100 } from './infrastructure/errors-list.migration';
import { ErrorsLifecycle1732300000500 } from './infrastructure/errors-lifecycle.migration';
import { ErrorsRetention1732300000600 } from './infrastructure/errors-retention.migration';
import { SavedViews1732300000700 } from './infrastructure/saved-views.migration';
import { AssignmentCause1732300000800 } from './infrastructure/assignment-cause.migration';
import { FlowDisabledStep1732300000900 } from './infrastructure/flow-disabled-step.migration';

@Module({})
export class ErrorsAppModule {
  static forRoot(config: ErrorsConfig, clock?: Clock): DynamicModule {
    return {
      module: ErrorsAppModule,
      imports: [
        ServiceModule.forRoot({
          config: config.service,
          migrations: [ErrorsListTable1732300000100, ErrorsListClassification1732300000400, AccessTables1732300000300, ErrorsLifecycle1732300000500, ErrorsRetention1732300000600, SavedViews1732300000700, AssignmentCause1732300000800, FlowDisabledStep1732300000900],
          clock,
        }),
        AccessModule.forRoot({ jwtSecret: config.service.jwtSecret }),
        ErrorsModule.forRoot(config),
      ],
    };
  }
}
