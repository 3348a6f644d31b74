import { ServiceConfig, ServiceModule } from '@faultline/platform';
import { DynamicModule, Module } from '@nestjs/common';

@Module({})
export class AssignmentAppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AssignmentAppModule,
      imports: [ServiceModule.forRoot({ config, migrations: [] })],
    };
  }
}
