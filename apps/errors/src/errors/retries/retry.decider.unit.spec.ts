import { deciderSpec } from '@faultline/testing';
import type { Actor } from '../error.events';
import { decide, evolve, initialState, RetryAlreadyPickedUp, RetryNotFound } from './retry.decider';
import type { RetryEvent } from './retry.events';

const spec = deciderSpec({ decide, evolve, initialState });
const alice: Actor = { type: 'user', id: 'usr-alice' };
const notBefore = new Date('2026-11-23T10:05:00.000Z');
const scheduled: RetryEvent = {
  type: 'RetryScheduled',
  data: {
    retryId: 'r-1',
    kind: 'manual',
    integrationId: 'int-1',
    flowId: 'flow-1',
    flowStepId: 'step-1',
    runId: 'run-1',
    errorId: 'e-1',
    notBefore: notBefore.toISOString(),
    scheduledBy: alice,
  },
};
const cancelAt = (now: Date) => ({ type: 'CancelRetry' as const, data: { by: alice, now } });

describe('cancelling a pending retry', () => {
  it('before its not-before time, it is cancelled', () => {
    const now = new Date(notBefore.getTime() - 1);
    spec.given([scheduled]).when(cancelAt(now)).then([{ type: 'RetryCancelled', data: { retryId: 'r-1', integrationId: 'int-1', flowId: 'flow-1', flowStepId: 'step-1', cancelledBy: alice, cancelledAt: now.toISOString() } }]);
  });

  it('at its not-before time the runtime has it: too late', () => {
    spec.given([scheduled]).when(cancelAt(notBefore)).thenRefuses(RetryAlreadyPickedUp);
  });

  it('cancelling twice changes nothing; an unknown retry is refused', () => {
    const cancelled: RetryEvent = { type: 'RetryCancelled', data: { retryId: 'r-1', integrationId: 'int-1', flowId: 'flow-1', flowStepId: 'step-1', cancelledBy: alice, cancelledAt: notBefore.toISOString() } };
    spec.given([scheduled, cancelled]).when(cancelAt(new Date(0))).then([]);
    spec.given([]).when(cancelAt(new Date(0))).thenRefuses(RetryNotFound);
  });

  it('scheduling the same retry again changes nothing', () => {
    spec.given([scheduled]).when({ type: 'ScheduleRetry', data: scheduled.data as Extract<RetryEvent, { type: 'RetryScheduled' }>['data'] }).then([]);
  });
});
