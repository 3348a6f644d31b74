import { deciderSpec } from '@faultline/testing';
import { AssignmentCommand, decide, evolve, initialState } from './assignment.decider';
import type { Actor, AssignmentEvent } from './assignment.events';

const spec = deciderSpec({ decide, evolve, initialState });
const alice: Actor = { type: 'user', id: 'usr-alice' };
const rule: Actor = { type: 'system', id: 'assignment-rules' };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute));

const assign = (assigneeUserId: string, minute: number, by = alice): AssignmentCommand => ({
  type: 'AssignError',
  data: { errorId: 'e-1', assignmentId: `a-${minute}`, assigneeUserId, by, now: at(minute) },
});
const assigned = (assigneeUserId: string, minute: number, extra: Partial<Extract<AssignmentEvent, { type: 'ErrorAssigned' }>['data']> = {}): AssignmentEvent => ({
  type: 'ErrorAssigned',
  data: {
    assignmentId: `a-${minute}`,
    errorId: 'e-1',
    assigneeUserId,
    assignedBy: alice,
    selfAssigned: assigneeUserId === alice.id,
    cause: 'manual',
    assignedAt: at(minute).toISOString(),
    ...extra,
  },
});
const follow = (assigneeUserId: string, minute: number, sourceMinute: number): AssignmentCommand => ({
  type: 'FollowAssignment',
  data: {
    errorId: 'e-1',
    assignmentId: `a-${minute}`,
    assigneeUserId,
    by: rule,
    now: at(minute),
    cause: 'retryDataKey',
    source: { assignmentId: `a-${sourceMinute}`, errorId: 'e-source', assignedAt: at(sourceMinute).toISOString() },
  },
});

describe('assigning an error', () => {
  it('an unassigned error is assigned, flagged when the actor assigns themselves', () => {
    spec.given([]).when(assign('usr-bob', 1)).then([assigned('usr-bob', 1)]);
    spec.given([]).when(assign('usr-alice', 1)).then([assigned('usr-alice', 1, { selfAssigned: true })]);
  });

  it('re-assigning replaces the assignee and names the previous one', () => {
    spec.given([assigned('usr-bob', 1)]).when(assign('usr-carol', 2)).then([assigned('usr-carol', 2, { previousAssigneeUserId: 'usr-bob' })]);
  });

  it('assigning to the current assignee again changes nothing', () => {
    spec.given([assigned('usr-bob', 1)]).when(assign('usr-bob', 2)).then([]);
  });

  it('clearing names who had it; clearing an unassigned error changes nothing', () => {
    spec
      .given([assigned('usr-bob', 1)])
      .when({ type: 'ClearAssignment', data: { errorId: 'e-1', by: alice, now: at(2) } })
      .then([{ type: 'ErrorUnassigned', data: { errorId: 'e-1', previousAssigneeUserId: 'usr-bob', unassignedBy: alice, unassignedAt: at(2).toISOString(), reason: 'cleared' } }]);
    spec.given([]).when({ type: 'ClearAssignment', data: { errorId: 'e-1', by: alice, now: at(2) } }).then([]);
  });

  it("a revoked invitation takes the invitee's errors away, saying so", () => {
    spec
      .given([assigned('usr-bob', 1)])
      .when({ type: 'ClearAssignment', data: { errorId: 'e-1', by: alice, now: at(2), reason: 'invitation_revoked' } })
      .then([{ type: 'ErrorUnassigned', data: { errorId: 'e-1', previousAssigneeUserId: 'usr-bob', unassignedBy: alice, unassignedAt: at(2).toISOString(), reason: 'invitation_revoked' } }]);
  });
});

describe('assignments rules pass on', () => {
  it('a rule assigns an unassigned error, naming its cause and source', () => {
    spec
      .given([])
      .when(follow('usr-bob', 5, 4))
      .then([assigned('usr-bob', 5, { assignedBy: rule, selfAssigned: false, cause: 'retryDataKey', sourceAssignmentId: 'a-4', sourceErrorId: 'e-source' })]);
  });

  it('a rule replaces a manual assignment made before its source', () => {
    spec
      .given([assigned('usr-carol', 1)])
      .when(follow('usr-bob', 5, 4))
      .then([assigned('usr-bob', 5, { assignedBy: rule, selfAssigned: false, cause: 'retryDataKey', sourceAssignmentId: 'a-4', sourceErrorId: 'e-source', previousAssigneeUserId: 'usr-carol' })]);
  });

  it('a rule never overrides someone who assigned the error by hand after its source', () => {
    spec.given([assigned('usr-carol', 6)]).when(follow('usr-bob', 7, 4)).then([]);
  });

  it('nor one who cleared it by hand after its source', () => {
    const cleared: AssignmentEvent = { type: 'ErrorUnassigned', data: { errorId: 'e-1', previousAssigneeUserId: 'usr-carol', unassignedBy: alice, unassignedAt: at(6).toISOString() } };
    spec.given([assigned('usr-carol', 1), cleared]).when(follow('usr-bob', 7, 4)).then([]);
  });
});
