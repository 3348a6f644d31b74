import { ACCESS_MIGRATIONS } from '@faultline/access';
import { AssignableErrors1732300000700 } from './assignable-errors.migration';
import { EmailAssignmentRequestsByRequest1732300000800 } from './email-assignment-requests.migration';
import { InvitationRequestOutcomes1732300001900 } from './invitation-request-outcomes.migration';
import { RetryDataKeyFirstIndex1732300002400 } from './retry-data-key-first-index.migration';

/** The assignment app's own tables, in the order they were made (after the shared eventing tables). */
export const ASSIGNMENT_MIGRATIONS = [
  ...ACCESS_MIGRATIONS,
  AssignableErrors1732300000700,
  EmailAssignmentRequestsByRequest1732300000800,
  InvitationRequestOutcomes1732300001900,
  RetryDataKeyFirstIndex1732300002400,
];
