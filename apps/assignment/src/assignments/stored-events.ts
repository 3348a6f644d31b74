import type { AssignmentEvent } from './assignment.events';
import type { EmailAssignmentEvent } from './to-new-email/email-assignment.decider';

/** Every event the assignment app stores. */
export type AssignmentServiceEvent = AssignmentEvent | EmailAssignmentEvent;
