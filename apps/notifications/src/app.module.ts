import { ServiceConfig, ServiceModule } from '@faultline/platform';
import { DynamicModule, Module } from '@nestjs/common';

@Module({})
export class NotificationsAppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: NotificationsAppModule,
      imports: [ServiceModule.forRoot({ config, migrations: [] })],
    };
  }
}
