import { Module } from '@nestjs/common';
import { ErrorsListController } from './errors-list/errors-list.controller';
import { ErrorsListProjection } from './errors-list/errors-list.projection';
import { ErrorsListQueries } from './errors-list/errors-list.query';
import { ErrorReportsConsumer } from './record-error/error-reports.consumer';
import { RecordErrorsHandler } from './record-error/record-errors.handler';

@Module({
  controllers: [ErrorReportsConsumer, ErrorsListController],
  providers: [RecordErrorsHandler, ErrorsListProjection, ErrorsListQueries],
})
export class ErrorsModule {}
