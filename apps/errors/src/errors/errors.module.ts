import { DynamicModule, Module } from '@nestjs/common';
import { ERRORS_CONFIG, ErrorsConfig } from '../errors.config';
import { ErrorsListController } from './errors-list/errors-list.controller';
import { ErrorsListProjection } from './errors-list/errors-list.projection';
import { ErrorsListQueries } from './errors-list/errors-list.query';
import { ErrorReportsConsumer } from './record-error/error-reports.consumer';
import { RecordErrorsHandler } from './record-error/record-errors.handler';

@Module({})
export class ErrorsModule {
  static forRoot(config: ErrorsConfig): DynamicModule {
    return {
      module: ErrorsModule,
      controllers: [ErrorReportsConsumer, ErrorsListController],
      providers: [{ provide: ERRORS_CONFIG, useValue: config }, RecordErrorsHandler, ErrorsListProjection, ErrorsListQueries],
    };
  }
}
