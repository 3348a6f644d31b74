import type { Actor, AssignmentEvent, UnassignmentReason } from './assignment.events';

/** Who an error is assigned to, and when someone last chose that by hand. */
export interface AssignmentState {
  assigneeUserId?: string;
  assignmentId?: string;
  assignedAt?: string;
  /** When the last manual assignment happened: rules never override a later manual choice. */
  manuallyAssignedAt?: string;
}

export type AssignError = {
  type: 'AssignError';
  data: { errorId: string; assignmentId: string; assigneeUserId: string; by: Actor; now: Date };
};

/** A rule passes an assignment on: from `source` (a manual assignment) to this error. */
export type FollowAssignment = {
  type: 'FollowAssignment';
  data: {
    errorId: string;
    assignmentId: string;
    assigneeUserId: string;
    by: Actor;
    now: Date;
    cause: 'retryDataKey' | 'traceKey';
    source: { assignmentId: string; errorId: string; assignedAt: string };
  };
};

export type ClearAssignment = { type: 'ClearAssignment'; data: { errorId: string; by: Actor; now: Date; reason?: UnassignmentReason } };

export type AssignmentCommand = AssignError | FollowAssignment | ClearAssignment;

export const assignmentStreamId = (errorId: string): string => `assignment-${errorId}`;

export const initialState = (): AssignmentState => ({});

/** Assigning to the current assignee again, or clearing an unassigned error, changes nothing. */
export function decide(command: AssignmentCommand, state: AssignmentState): AssignmentEvent[] {
  switch (command.type) {
    case 'AssignError': {
      const { errorId, assignmentId, assigneeUserId, by, now } = command.data;
      if (state.assigneeUserId === assigneeUserId) return [];
      return [assigned(state, { errorId, assignmentId, assigneeUserId, by, now, cause: 'manual' })];
    }
    case 'FollowAssignment': {
      const { source, ...data } = command.data;
      if (state.assigneeUserId === data.assigneeUserId) return [];
      // Someone chose another assignee by hand after the rule's source: their choice stands.
      if (state.manuallyAssignedAt !== undefined && state.manuallyAssignedAt > source.assignedAt) return [];
      return [assigned(state, { ...data, sourceAssignmentId: source.assignmentId, sourceErrorId: source.errorId })];
    }
    case 'ClearAssignment': {
      const { errorId, by, now, reason = 'cleared' } = command.data;
      if (state.assigneeUserId === undefined) return [];
      return [
        { type: 'ErrorUnassigned', data: { errorId, previousAssigneeUserId: state.assigneeUserId, unassignedBy: by, unassignedAt: now.toISOString(), reason } },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolve(state: AssignmentState, event: AssignmentEvent): AssignmentState {
  switch (event.type) {
    case 'ErrorAssigned': {
      const { assigneeUserId, assignmentId, assignedAt, cause } = event.data;
      return { assigneeUserId, assignmentId, assignedAt, manuallyAssignedAt: cause === 'manual' ? assignedAt : state.manuallyAssignedAt };
    }
    case 'ErrorUnassigned':
      return { manuallyAssignedAt: event.data.unassignedAt };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

function assigned(
  state: AssignmentState,
  data: {
    errorId: string;
    assignmentId: string;
    assigneeUserId: string;
    by: Actor;
    now: Date;
    cause: 'manual' | 'retryDataKey' | 'traceKey';
    sourceAssignmentId?: string;
    sourceErrorId?: string;
  },
): AssignmentEvent {
  const { by, now, sourceAssignmentId, sourceErrorId, ...rest } = data;
  return {
    type: 'ErrorAssigned',
    data: {
      ...rest,
      ...(state.assigneeUserId === undefined ? {} : { previousAssigneeUserId: state.assigneeUserId }),
      assignedBy: by,
      selfAssigned: by.type === 'user' && by.id === data.assigneeUserId,
      ...(sourceAssignmentId === undefined ? {} : { sourceAssignmentId }),
      ...(sourceErrorId === undefined ? {} : { sourceErrorId }),
      assignedAt: now.toISOString(),
    },
  };
}
