import type { TSchema } from '@sinclair/typebox';
import { ErrorAssignedV1, ErrorUnassignedV1 } from './assignment/error-assignment.v1';
import { ErrorLifecycleEventsV1 } from './errors/error-lifecycle.v1';
import { ErrorRecordedV1 } from './errors/error-recorded.v1';
import { AutomationDisabledV1, AutomationReenabledV1, FlowEventsV1 } from './errors/flow-events.v1';
import { ErrorOccurredV1, ErrorOccurredV2 } from './flow/error-occurred';
import { RetryCancelledV1, RetryRequestedV1 } from './flow/retry-requested.v1';
import { RetryScheduledV1 } from './flow/retry-scheduled.v1';
import { RecordSucceededV1, RetrySucceededV1 } from './flow/runtime-outcomes.v1';
import { IdentityEventsV1, InvitationRequestAnswersV1 } from './identity/identity-events.v1';
import { InvitationRequestedV1 } from './assignment/invitation-requested.v1';
import { NotificationsEventsV1 } from './notifications/notifications-events.v1';
import { Topics } from './topics';

/**
 * Which events, in which versions, each topic carries. Names and versions are written here,
 * never derived from code, so a rename cannot silently change a contract. A breaking change is
 * a new version listed beside the old one.
 */
export const ContractRegistry: Record<string, readonly TSchema[]> = {
  [Topics.flowErrors]: [ErrorOccurredV1, ErrorOccurredV2, RetrySucceededV1, RecordSucceededV1],
  [Topics.flowCommands]: [RetryScheduledV1, RetryRequestedV1, RetryCancelledV1, AutomationDisabledV1, AutomationReenabledV1],
  [Topics.errorsEvents]: [ErrorRecordedV1, ...ErrorLifecycleEventsV1, ...FlowEventsV1],
  [Topics.identityEvents]: [...IdentityEventsV1, ...InvitationRequestAnswersV1],
  [Topics.assignmentEvents]: [InvitationRequestedV1, ErrorAssignedV1, ErrorUnassignedV1],
  [Topics.notificationsEvents]: NotificationsEventsV1,
};

export const contractKey = (type: string, version: number): string => `${type}.v${version}`;
