import { ACCESS_MIGRATIONS } from '@faultline/access';
import { AssignmentCause1732300000800 } from './assignment-cause.migration';
import { ErrorsLifecycle1732300000500 } from './errors-lifecycle.migration';
import { ErrorsListClassification1732300000400 } from './errors-list-classification.migration';
import { ErrorsListTable1732300000100 } from './errors-list.migration';
import { ErrorsRetention1732300000600 } from './errors-retention.migration';
import { FlowDisabledStep1732300000900 } from './flow-disabled-step.migration';
import { ErrorNames1732300001000 } from './error-names.migration';
import { SavedViews1732300000700 } from './saved-views.migration';
import { TraceKeyScopeIndex1732300001600 } from './trace-key-scope-index.migration';
import { FlowStepOrder1732300001800 } from './flow-step-order.migration';
import { UnreadRecordedIndex1732300002000 } from './unread-recorded-index.migration';
import { CountedFromIndex1732300002100 } from './counted-from-index.migration';
import { RetentionShortening1732300002200 } from './retention-shortening.migration';
import { AssigneeIndexIntegration1732300002500 } from './assignee-index-integration.migration';
import { StatusIndexIntegration1732300002600 } from './status-index-integration.migration';

/** The errors app's own tables, in the order they were made (after the shared eventing tables). */
export const ERRORS_MIGRATIONS = [
  ErrorsListTable1732300000100,
  ...ACCESS_MIGRATIONS,
  ErrorsListClassification1732300000400,
  ErrorsLifecycle1732300000500,
  ErrorsRetention1732300000600,
  SavedViews1732300000700,
  AssignmentCause1732300000800,
  FlowDisabledStep1732300000900,
  ErrorNames1732300001000,
  TraceKeyScopeIndex1732300001600,
  FlowStepOrder1732300001800,
  UnreadRecordedIndex1732300002000,
  CountedFromIndex1732300002100,
  RetentionShortening1732300002200,
  AssigneeIndexIntegration1732300002500,
  StatusIndexIntegration1732300002600,
];
