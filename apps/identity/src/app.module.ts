import { Clock, ServiceModule } from '@faultline/platform';
import { DynamicModule, Module } from '@nestjs/common';
import type { IdentityConfig } from './identity.config';
import { IdentityModule } from './identity.module';
import { IdentityDirectory1732300000200 } from './infrastructure/identity-directory.migration';
import { SignInFailures1732300001100 } from './infrastructure/sign-in-failures.migration';
import { ApiTokenAdmission1732300001900 } from './infrastructure/api-token-admission.migration';
import { ApiTokens1732300001400 } from './infrastructure/api-tokens.migration';

@Module({})
export class IdentityAppModule {
  static forRoot(config: IdentityConfig, clock?: Clock): DynamicModule {
    return {
      module: IdentityAppModule,
      imports: [
        ServiceModule.forRoot({ config: config.service, migrations: [IdentityDirectory1732300000200, SignInFailures1732300001100, ApiTokens1732300001400, ApiTokenAdmission1732300001900], clock }),
        IdentityModule.forRoot(config),
      ],
    };
  }
}
