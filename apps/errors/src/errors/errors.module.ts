import { INTERNAL_API_KEY } from '@faultline/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { ERRORS_CONFIG, ErrorsConfig } from '../errors.config';
import { ActivityLogQueries } from './activity/activity-log.query';
import { AssignmentsConsumer, ErrorAssignees } from './assignees/assignments.consumer';
import { ErrorActionsController } from './error-actions/error-actions.controller';
import { ErrorActions } from './error-actions/error-actions.service';
import { ErrorDetailsQuery } from './error-details/error-details.query';
import { ErrorsListController } from './errors-list/errors-list.controller';
import { ErrorsListQueries } from './errors-list/errors-list.query';
import { ErrorsWriter } from './errors-writer';
import { FlowsController } from './flows/flows.controller';
import { FlowsQueries } from './flows/flows.query';
import { MonitorController } from './monitor/monitor.controller';
import { MonitorQueries } from './monitor/monitor.query';
import { READ_MODEL_PROVIDERS } from './read-models';
import { RetentionController } from './retention/retention.controller';
import { RetentionPurger } from './retention/retention.purger';
import { FlowReportsConsumer } from './record-error/flow-reports.consumer';
import { FlowReportsHttpController } from './record-error/flow-reports-http.controller';
import { FlowReportsHandler } from './record-error/flow-reports.handler';
import { ReportingAccounts } from './record-error/reporting-accounts';
import { PendingRetriesQueries } from './retries/pending-retries.query';
import { RetriesController } from './retries/retries.controller';
import { SavedViewsController } from './saved-views/saved-views.controller';
import { TagsController } from './tags/tags.controller';

@Module({})
export class ErrorsModule {
  static forRoot(config: ErrorsConfig): DynamicModule {
    return {
      module: ErrorsModule,
      // The actions controller first: its fixed paths (/errors/resolve) come before /errors/:errorId.
      controllers: [
        FlowReportsConsumer,
        FlowReportsHttpController,
        AssignmentsConsumer,
        ErrorActionsController,
        ErrorsListController,
        TagsController,
        SavedViewsController,
        FlowsController,
        RetriesController,
        MonitorController,
        RetentionController,
      ],
      providers: [
        { provide: ERRORS_CONFIG, useValue: config },
        { provide: INTERNAL_API_KEY, useValue: config.internalApiKey },
        FlowReportsHandler,
        ReportingAccounts,
        ErrorsWriter,
        ErrorActions,
        ErrorAssignees,
        ErrorsListQueries,
        ErrorDetailsQuery,
        FlowsQueries,
        ActivityLogQueries,
        PendingRetriesQueries,
        MonitorQueries,
        RetentionPurger,
        ...READ_MODEL_PROVIDERS,
      ],
    };
  }
}
