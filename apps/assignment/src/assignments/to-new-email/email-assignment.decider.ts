import type { Actor } from '../assignment.events';

/**
 * "Assign to new user": the errors wait for the invited person's user id, which identity gives
 * when it invites them. One stream per request.
 */
export type EmailAssignmentRequested = {
  type: 'EmailAssignmentRequested';
  data: { requestId: string; email: string; errorIds: string[]; integrationIds: string[]; requestedBy: Actor };
};
export type EmailAssignmentInvited = { type: 'EmailAssignmentInvited'; data: { requestId: string; userId: string } };
export type EmailAssignmentRefused = { type: 'EmailAssignmentRefused'; data: { requestId: string; code: string; reason: string } };
export type EmailAssignmentEvent = EmailAssignmentRequested | EmailAssignmentInvited | EmailAssignmentRefused;

type Requested = { requestId: string; email: string; errorIds: string[]; requestedBy: Actor };

/** Where a request stands: waiting for identity, answered with the invited user, or refused by a named rule. */
export type EmailAssignmentState =
  | { status: 'none' }
  | ({ status: 'requested' } & Requested)
  | ({ status: 'invited'; userId: string } & Requested)
  | ({ status: 'refused'; code: string; reason: string } & Requested);

export type RequestEmailAssignment = { type: 'RequestEmailAssignment'; data: EmailAssignmentRequested['data'] };
export type RecordInvitation = { type: 'RecordInvitation'; data: { userId: string } };
export type RecordRefusal = { type: 'RecordRefusal'; data: { code: string; reason: string } };
export type EmailAssignmentCommand = RequestEmailAssignment | RecordInvitation | RecordRefusal;

export const emailAssignmentStreamId = (requestId: string): string => `email-assignment-${requestId}`;

export const initialState = (): EmailAssignmentState => ({ status: 'none' });

/** Identity answers once; a second answer (a redelivery, a re-sent invitation) changes nothing. */
export function decide(command: EmailAssignmentCommand, state: EmailAssignmentState): EmailAssignmentEvent[] {
  if (command.type === 'RequestEmailAssignment') return state.status === 'none' ? [{ type: 'EmailAssignmentRequested', data: command.data }] : [];
  if (state.status !== 'requested') return [];
  return command.type === 'RecordInvitation'
    ? [{ type: 'EmailAssignmentInvited', data: { requestId: state.requestId, userId: command.data.userId } }]
    : [{ type: 'EmailAssignmentRefused', data: { requestId: state.requestId, ...command.data } }];
}

export function evolve(state: EmailAssignmentState, event: EmailAssignmentEvent): EmailAssignmentState {
  if (event.type === 'EmailAssignmentRequested') {
    const { requestId, email, errorIds, requestedBy } = event.data;
    return { status: 'requested', requestId, email, errorIds, requestedBy };
  }
  if (state.status === 'none') return state;
  const { requestId, email, errorIds, requestedBy } = state;
  const request = { requestId, email, errorIds, requestedBy };
  return event.type === 'EmailAssignmentInvited'
    ? { status: 'invited', userId: event.data.userId, ...request }
    : { status: 'refused', code: event.data.code, reason: event.data.reason, ...request };
}
