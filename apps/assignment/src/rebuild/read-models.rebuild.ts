import type { StoreProjection } from '@faultline/eventing';
import type { AssignmentServiceEvent } from '../assignments/stored-events';
import { projectReadModels } from '../assignments/read-models';

/**
 * What the assignment app projects from its own event store: each error's assignee (the rest of
 * its copy of an error comes from errors.events.v1) and the "assign to new user" requests.
 */
export const assignmentReadModels = (): StoreProjection<AssignmentServiceEvent> => ({
  tables: ['assignable_errors', 'email_assignment_requests'],
  reset: async (manager) => {
    await manager.query('UPDATE assignable_errors SET assignee_id = NULL, assignment_id = NULL, assigned_at = NULL');
    await manager.query('DELETE FROM email_assignment_requests');
  },
  apply: projectReadModels,
});
