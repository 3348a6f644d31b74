import type { StoredEvent } from '@faultline/eventing';
import type { EntityManager } from 'typeorm';
import type { AssignmentServiceEvent } from '../stored-events';

/**
 * Each "assign to new user" request, who made it and how identity answered, in the transaction
 * of its events. Requests are few (one per person asking), so one statement per event.
 */
export async function projectEmailRequests(manager: EntityManager, events: StoredEvent<AssignmentServiceEvent>[]): Promise<void> {
  for (const { event, metadata } of events) {
    switch (event.type) {
      case 'EmailAssignmentRequested': {
        const { requestId, requestedBy, email, errorIds } = event.data;
        await manager.query(
          `INSERT INTO email_assignment_requests (request_id, account_id, requested_by, email, error_ids, requested_at)
           VALUES ($1, $2, $3, $4, $5::uuid[], $6) ON CONFLICT DO NOTHING`,
          [requestId, metadata.accountId, requestedBy.id, email, errorIds, metadata.occurredAt],
        );
        break;
      }
      case 'EmailAssignmentInvited':
        await manager.query("UPDATE email_assignment_requests SET status = 'completed', assignee_user_id = $2, answered_at = $3 WHERE request_id = $1", [
          event.data.requestId,
          event.data.userId,
          metadata.occurredAt,
        ]);
        break;
      case 'EmailAssignmentRefused':
        await manager.query("UPDATE email_assignment_requests SET status = 'refused', code = $2, reason = $3, answered_at = $4 WHERE request_id = $1", [
          event.data.requestId,
          event.data.code,
          event.data.reason,
          metadata.occurredAt,
        ]);
        break;
    }
  }
}
