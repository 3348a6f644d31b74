import type { StoredEvent } from '@faultline/eventing';
import type { EntityManager } from 'typeorm';
import type { AssignmentServiceEvent } from '../assignment-writer';

/** Keeps each error's assignee in the local copy (and pending email requests), in the transaction of the events. */
export async function projectAssignees(manager: EntityManager, events: StoredEvent<AssignmentServiceEvent>[]): Promise<void> {
  for (const { event, metadata } of events) {
    if (event.type === 'ErrorAssigned') {
      const { errorId, assigneeUserId, assignmentId, assignedAt } = event.data;
      await manager.query('UPDATE assignable_errors SET assignee_id = $2, assignment_id = $3, assigned_at = $4 WHERE error_id = $1', [
        errorId,
        assigneeUserId,
        assignmentId,
        assignedAt,
      ]);
    } else if (event.type === 'ErrorUnassigned') {
      await manager.query('UPDATE assignable_errors SET assignee_id = NULL, assignment_id = NULL, assigned_at = NULL WHERE error_id = $1', [
        event.data.errorId,
      ]);
    } else if (event.type === 'EmailAssignmentRequested') {
      await manager.query(
        'INSERT INTO email_assignment_requests (invitation_event_id, request_id, account_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [metadata.eventId, event.data.requestId, metadata.accountId],
      );
    }
  }
}
