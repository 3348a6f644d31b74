/** Who acted: a signed-in person, or the system (an automatic assignment rule). */
export interface Actor {
  type: 'user' | 'system';
  id: string;
}

/**
 * Why an error went to its assignee: someone chose (manual), or a rule followed a manual
 * assignment — the same retry data key on the same step, or a newer occurrence of a trace key.
 */
export type AssignmentCause = 'manual' | 'retryDataKey' | 'traceKey';

export type ErrorAssigned = {
  type: 'ErrorAssigned';
  data: {
    assignmentId: string;
    errorId: string;
    assigneeUserId: string;
    previousAssigneeUserId?: string;
    assignedBy: Actor;
    /** The person assigned it to themselves: nobody is notified. */
    selfAssigned: boolean;
    cause: AssignmentCause;
    /** For rule-made assignments: the manual assignment the rule followed. */
    sourceAssignmentId?: string;
    /** For rule-made assignments: the error whose assignment the rule followed. */
    sourceErrorId?: string;
    assignedAt: string;
  };
};

/** Someone cleared the assignment, or the assignee's invitation was revoked. */
export type UnassignmentReason = 'cleared' | 'invitation_revoked' | 'user_deactivated';

export type ErrorUnassigned = {
  type: 'ErrorUnassigned';
  data: { errorId: string; previousAssigneeUserId: string; unassignedBy: Actor; unassignedAt: string; reason?: UnassignmentReason };
};

export type AssignmentEvent = ErrorAssigned | ErrorUnassigned;
