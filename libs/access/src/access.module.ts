import { DynamicModule, Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ACCESS_OPTIONS, AccessOptions, AccessTokenGuard } from './access-token.guard';
import { ApiTokenUsageController } from './api-token-usage.controller';
import { ACCESS_API_TOKENS, ApiTokens } from './api-tokens';
import { AccessPermissions } from './access.service';
import { IdentityEventsConsumer } from './identity-events.consumer';

/**
 * What a service needs to check access on its own: the identity events consumer that keeps
 * the local model, the permission answers, the access-token guard, and when the account's
 * machine tokens were last used here (`GET /api-tokens/usage`). The service adds
 * AccessTables to its migrations. Global: a service has one access model, used by every feature.
 */
@Global()
@Module({})
export class AccessModule {
  static forRoot(options: AccessOptions): DynamicModule {
    return {
      module: AccessModule,
      controllers: [IdentityEventsConsumer, ApiTokenUsageController],
      providers: [
        AccessPermissions,
        AccessTokenGuard,
        { provide: ApiTokens, useFactory: (dataSource: DataSource) => new ApiTokens(dataSource, ACCESS_API_TOKENS), inject: [DataSource] },
        { provide: ACCESS_OPTIONS, useValue: options },
      ],
      exports: [AccessPermissions, AccessTokenGuard, ApiTokens, ACCESS_OPTIONS],
    };
  }
}
