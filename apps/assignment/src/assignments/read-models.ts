import type { StoredEvent } from '@faultline/eventing';
import type { EntityManager } from 'typeorm';
import { projectAssignees } from './assignable-errors/assignees.projection';
import type { AssignmentServiceEvent } from './stored-events';
import { projectEmailRequests } from './to-new-email/email-requests.projection';

/** Every read model the assignment app keeps from its own events, in their transaction. */
export async function projectReadModels(manager: EntityManager, events: StoredEvent<AssignmentServiceEvent>[]): Promise<void> {
  await projectAssignees(manager, events);
  await projectEmailRequests(manager, events);
}
