import type { TSchema } from '@sinclair/typebox';
import { ErrorRecordedV1 } from './errors/error-recorded.v1';
import { ErrorOccurredV1 } from './flow/error-occurred.v1';
import { RetryScheduledV1 } from './flow/retry-scheduled.v1';
import { IdentityEventsV1, InvitationRequestRefusedV1 } from './identity/identity-events.v1';
import { InvitationRequestedV1 } from './assignment/invitation-requested.v1';
import { Topics } from './topics';

/**
 * Which events, in which versions, each topic carries. Names and versions are written here,
 * never derived from code, so a rename cannot silently change a contract. A breaking change is
 * a new version listed beside the old one.
 */
export const ContractRegistry: Record<string, readonly TSchema[]> = {
  [Topics.flowErrors]: [ErrorOccurredV1],
  [Topics.flowCommands]: [RetryScheduledV1],
  [Topics.errorsEvents]: [ErrorRecordedV1],
  [Topics.identityEvents]: [...IdentityEventsV1, InvitationRequestRefusedV1],
  [Topics.assignmentEvents]: [InvitationRequestedV1],
};

export const contractKey = (type: string, version: number): string => `${type}.v${version}`;
