import { ServiceConfig, ServiceModule } from '@faultline/platform';
import { DynamicModule, Module } from '@nestjs/common';

@Module({})
export class IdentityAppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: IdentityAppModule,
      imports: [ServiceModule.forRoot({ config, migrations: [] })],
    };
  }
}
