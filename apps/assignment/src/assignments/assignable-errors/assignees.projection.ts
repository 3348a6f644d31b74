import type { StoredEvent } from '@faultline/eventing';
import type { EntityManager } from 'typeorm';
import type { AssignmentEvent } from '../assignment.events';

/** Keeps each error's assignee in the local copy, in the transaction of the assignment events. */
export async function projectAssignees(manager: EntityManager, events: StoredEvent<AssignmentEvent>[]): Promise<void> {
  for (const { event } of events) {
    if (event.type === 'ErrorAssigned') {
      const { errorId, assigneeUserId, assignmentId, assignedAt } = event.data;
      await manager.query('UPDATE assignable_errors SET assignee_id = $2, assignment_id = $3, assigned_at = $4 WHERE error_id = $1', [
        errorId,
        assigneeUserId,
        assignmentId,
        assignedAt,
      ]);
    } else {
      await manager.query('UPDATE assignable_errors SET assignee_id = NULL, assignment_id = NULL, assigned_at = NULL WHERE error_id = $1', [
        event.data.errorId,
      ]);
    }
  }
}
