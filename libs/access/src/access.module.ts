import { DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessOptions, AccessTokenGuard } from './access-token.guard';
import { AccessPermissions } from './access.service';
import { IdentityEventsConsumer } from './identity-events.consumer';

/**
 * What a service needs to check access on its own: the identity events consumer that keeps
 * the local model, the permission answers, and the access-token guard. The service adds
 * AccessTables to its migrations.
 */
@Module({})
export class AccessModule {
  static forRoot(options: AccessOptions): DynamicModule {
    return {
      module: AccessModule,
      controllers: [IdentityEventsConsumer],
      providers: [
        AccessPermissions,
        { provide: AccessTokenGuard, inject: [DataSource], useFactory: (dataSource: DataSource) => new AccessTokenGuard(dataSource, options) },
      ],
      exports: [AccessPermissions, AccessTokenGuard],
    };
  }
}
