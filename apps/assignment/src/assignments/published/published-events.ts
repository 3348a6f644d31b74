import { Topics } from '@faultline/contracts';
import { OutboxMessage, publishedEnvelope, StoredEvent } from '@faultline/eventing';
import type { AssignmentEvent } from '../assignment.events';

/** assignment.events.v1, keyed by errorId; written out field by field so domain changes never leak. */
export function publishedMessages(stored: StoredEvent<AssignmentEvent>): OutboxMessage[] {
  const { event } = stored;
  const envelope = publishedEnvelope(stored, { type: event.type, version: 1, aggregateId: event.data.errorId });
  if (event.type === 'ErrorAssigned') {
    const { assignmentId, errorId, assigneeUserId, previousAssigneeUserId, assignedBy, selfAssigned, cause, sourceAssignmentId } = event.data;
    const data = {
      assignmentId,
      errorId,
      assigneeUserId,
      ...(previousAssigneeUserId === undefined ? {} : { previousAssigneeUserId }),
      assignedBy,
      selfAssigned,
      cause,
      ...(sourceAssignmentId === undefined ? {} : { sourceAssignmentId }),
    };
    return [{ topic: Topics.assignmentEvents, key: errorId, value: { ...envelope, data } }];
  }
  const { errorId, previousAssigneeUserId, unassignedBy } = event.data;
  return [{ topic: Topics.assignmentEvents, key: errorId, value: { ...envelope, data: { errorId, previousAssigneeUserId, unassignedBy } } }];
}
