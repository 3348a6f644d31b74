import type { StoredEvent } from '@faultline/eventing';
import type { EntityManager } from 'typeorm';
import type { AssignmentServiceEvent } from '../stored-events';

interface Assignee {
  assigneeUserId: string | null;
  assignmentId: string | null;
  assignedAt: string | null;
}

/**
 * Keeps each error's assignee in the local copy, in the transaction of the events. A thousand
 * assignments are one statement: only each error's last event counts.
 */
export async function projectAssignees(manager: EntityManager, events: StoredEvent<AssignmentServiceEvent>[]): Promise<void> {
  const latest = new Map<string, Assignee>();
  for (const { event } of events) {
    if (event.type === 'ErrorAssigned') {
      const { errorId, assigneeUserId, assignmentId, assignedAt } = event.data;
      latest.set(errorId, { assigneeUserId, assignmentId, assignedAt });
    } else if (event.type === 'ErrorUnassigned') {
      latest.set(event.data.errorId, { assigneeUserId: null, assignmentId: null, assignedAt: null });
    }
  }
  if (latest.size === 0) return;
  const entries = [...latest.entries()];
  await manager.query(
    `UPDATE assignable_errors e SET assignee_id = u.assignee_id, assignment_id = u.assignment_id, assigned_at = u.assigned_at
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[]) AS u(error_id, assignee_id, assignment_id, assigned_at)
      WHERE e.error_id = u.error_id`,
    [
      entries.map(([errorId]) => errorId),
      entries.map(([, assignee]) => assignee.assigneeUserId),
      entries.map(([, assignee]) => assignee.assignmentId),
      entries.map(([, assignee]) => assignee.assignedAt),
    ],
  );
}
