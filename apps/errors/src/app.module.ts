import { AccessModule } from '@faultline/access';
import { Clock, ServiceModule } from '@faultline/platform';
import { DynamicModule, Module } from '@nestjs/common';
import type { ErrorsConfig } from './errors.config';
import { ErrorsModule } from './errors/errors.module';
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
        }),
        AccessModule.forRoot({ jwtSecret: config.service.jwtSecret }),
        ErrorsModule.forRoot(config),
      ],
    };
  }
}
