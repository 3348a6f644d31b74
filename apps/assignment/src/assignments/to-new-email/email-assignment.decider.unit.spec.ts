import { deciderSpec } from '@faultline/testing';
import { decide, EmailAssignmentEvent, evolve, initialState } from './email-assignment.decider';

const spec = deciderSpec({ decide, evolve, initialState });
const requested: EmailAssignmentEvent = {
  type: 'EmailAssignmentRequested',
  data: { requestId: 'r-1', email: 'new@example.com', errorIds: ['e-1'], integrationIds: ['int-1'], requestedBy: { type: 'user', id: 'usr-1' } },
};
const invited: EmailAssignmentEvent = { type: 'EmailAssignmentInvited', data: { requestId: 'r-1', userId: 'usr-new' } };

describe('assigning to a new email', () => {
  it('waits for identity’s answer: the invited user, or a refusal', () => {
    spec.given([requested]).when({ type: 'RecordInvitation', data: { userId: 'usr-new' } }).then([invited]);
    spec
      .given([requested])
      .when({ type: 'RecordRefusal', data: { code: 'INVITATIONS_DISABLED_FOR_MEMBERS', reason: 'off' } })
      .then([{ type: 'EmailAssignmentRefused', data: { requestId: 'r-1', code: 'INVITATIONS_DISABLED_FOR_MEMBERS', reason: 'off' } }]);
  });

  it('takes identity’s first answer only', () => {
    spec.given([requested, invited]).when({ type: 'RecordInvitation', data: { userId: 'usr-other' } }).then([]);
    spec.given([requested, invited]).when({ type: 'RecordRefusal', data: { code: 'X', reason: 'late' } }).then([]);
  });

  it('remembers the answer: the invited user, or the refusing rule', () => {
    const refused: EmailAssignmentEvent = { type: 'EmailAssignmentRefused', data: { requestId: 'r-1', code: 'USER_ALREADY_ACTIVE', reason: 'x is a user' } };
    expect([requested, invited].reduce(evolve, initialState())).toMatchObject({ status: 'invited', userId: 'usr-new', email: 'new@example.com' });
    expect([requested, refused].reduce(evolve, initialState())).toMatchObject({ status: 'refused', code: 'USER_ALREADY_ACTIVE', reason: 'x is a user' });
  });

  it('ignores an answer to a request it never made', () => {
    spec.given([]).when({ type: 'RecordInvitation', data: { userId: 'usr-new' } }).then([]);
  });
});
