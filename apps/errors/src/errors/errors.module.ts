import { DynamicModule, Module } from '@nestjs/common';
import { ERRORS_CONFIG, ErrorsConfig } from '../errors.config';
import { ErrorsListController } from './errors-list/errors-list.controller';
import { ErrorsListQueries } from './errors-list/errors-list.query';
import { READ_MODEL_PROVIDERS } from './read-models';
import { FlowReportsConsumer } from './record-error/flow-reports.consumer';
import { FlowReportsHandler } from './record-error/flow-reports.handler';

@Module({})
export class ErrorsModule {
  static forRoot(config: ErrorsConfig): DynamicModule {
    return {
      module: ErrorsModule,
      controllers: [FlowReportsConsumer, ErrorsListController],
      providers: [{ provide: ERRORS_CONFIG, useValue: config }, FlowReportsHandler, ErrorsListQueries, ...READ_MODEL_PROVIDERS],
    };
  }
}
