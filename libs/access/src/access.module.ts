import { DynamicModule, Global, Module } from '@nestjs/common';
import { ACCESS_OPTIONS, AccessOptions, AccessTokenGuard } from './access-token.guard';
import { AccessPermissions } from './access.service';
import { IdentityEventsConsumer } from './identity-events.consumer';

/**
 * What a service needs to check access on its own: the identity events consumer that keeps
 * the local model, the permission answers, and the access-token guard. The service adds
 * AccessTables to its migrations. Global: a service has one access model, used by every feature.
 */
@Global()
@Module({})
export class AccessModule {
  static forRoot(options: AccessOptions): DynamicModule {
    return {
      module: AccessModule,
      controllers: [IdentityEventsConsumer],
      providers: [
        AccessPermissions,
        AccessTokenGuard,
        { provide: ACCESS_OPTIONS, useValue: options },
      ],
      exports: [AccessPermissions, AccessTokenGuard, ACCESS_OPTIONS],
    };
  }
}
