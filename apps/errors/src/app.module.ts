import { AccessModule } from '@faultline/access';
import { Clock, ServiceModule } from '@faultline/platform';
import { DynamicModule, Module } from '@nestjs/common';
import type { ErrorsConfig } from './errors.config';
import { ErrorsModule } from './errors/errors.module';
import { publishedMessages } from './errors/published/published-events';
import type { StoredServiceEvent } from './errors/stored-events';
import { ERRORS_MIGRATIONS } from './infrastructure/errors-migrations';

@Module({})
export class ErrorsAppModule {
  static forRoot(config: ErrorsConfig, clock?: Clock): DynamicModule {
    return {
      module: ErrorsAppModule,
      imports: [
        ServiceModule.forRoot({
          config: config.service,
          migrations: ERRORS_MIGRATIONS,
          clock,
          // Every report is an ErrorRecorded: an outbox copy of each was the ingest's largest unneeded write.
          publishFromStore: (stored) => publishedMessages(stored as StoredServiceEvent),
        }),
        AccessModule.forRoot({ jwtSecret: config.service.jwtSecret }),
        ErrorsModule.forRoot(config),
      ],
    };
  }
}
