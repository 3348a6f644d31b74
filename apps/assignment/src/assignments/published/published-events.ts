import { Topics } from '@faultline/contracts';
import { OutboxMessage, publishedEnvelope, StoredEvent } from '@faultline/eventing';
import type { AssignmentServiceEvent } from '../stored-events';

/** assignment.events.v1, keyed by errorId; written out field by field so domain changes never leak. */
export function publishedMessages(stored: StoredEvent<AssignmentServiceEvent>): OutboxMessage[] {
  const { event } = stored;
  if (event.type === 'EmailAssignmentRequested') {
    // Identity invites the email and answers InvitationRequestCompleted or InvitationRequestRefused.
    const { requestId, email, integrationIds, errorIds, requestedBy } = event.data;
    const value = {
      ...publishedEnvelope(stored, { type: 'InvitationRequested', version: 1, aggregateId: requestId }),
      data: { requestId, email, integrationIds, errorIds, requestedBy: requestedBy.id },
    };
    return [{ topic: Topics.assignmentEvents, key: stored.metadata.accountId, value }];
  }
  if (event.type === 'EmailAssignmentInvited' || event.type === 'EmailAssignmentRefused') return [];
  const envelope = publishedEnvelope(stored, { type: event.type, version: 1, aggregateId: event.data.errorId });
  if (event.type === 'ErrorAssigned') {
    const { assignmentId, errorId, assigneeUserId, previousAssigneeUserId, assignedBy, selfAssigned, cause, sourceAssignmentId, sourceErrorId } = event.data;
    const data = {
      assignmentId,
      errorId,
      assigneeUserId,
      ...(previousAssigneeUserId === undefined ? {} : { previousAssigneeUserId }),
      assignedBy,
      selfAssigned,
      cause,
      ...(sourceAssignmentId === undefined ? {} : { sourceAssignmentId }),
      ...(sourceErrorId === undefined ? {} : { sourceErrorId }),
    };
    return [{ topic: Topics.assignmentEvents, key: errorId, value: { ...envelope, data } }];
  }
  const { errorId, previousAssigneeUserId, unassignedBy, reason } = event.data;
  const data = { errorId, previousAssigneeUserId, unassignedBy, ...(reason === undefined ? {} : { reason }) };
  return [{ topic: Topics.assignmentEvents, key: errorId, value: { ...envelope, data } }];
}
