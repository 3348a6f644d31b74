import { Refusal } from '@faultline/access-policy';
import type { Actor } from '../error.events';
import type { RetryEvent, RetryScheduled } from './retry.events';

export type RetryState =
  | { status: 'none' }
  | { status: 'scheduled' | 'cancelled'; notBefore: Date; retryId: string; integrationId: string; flowId: string; flowStepId: string };

export type ScheduleRetry = { type: 'ScheduleRetry'; data: RetryScheduled['data'] };
export type CancelRetry = { type: 'CancelRetry'; data: { by: Actor; now: Date } };
export type RetryCommand = ScheduleRetry | CancelRetry;

export class RetryNotFound extends Refusal {
  readonly code = 'RETRY_NOT_FOUND';

  constructor() {
    super('no such pending retry');
  }
}

/** The runtime runs a retry at its not-before time; from then on it can no longer be called off. */
export class RetryAlreadyPickedUp extends Refusal {
  readonly code = 'RETRY_ALREADY_PICKED_UP';

  constructor(retryId: string) {
    super(`retry ${retryId} was due, so the runtime has picked it up`);
  }
}

export const retryStreamId = (retryId: string): string => `retry-${retryId}`;

export const initialState = (): RetryState => ({ status: 'none' });

export function decide(command: RetryCommand, state: RetryState): RetryEvent[] {
  switch (command.type) {
    case 'ScheduleRetry':
      return state.status === 'none' ? [{ type: 'RetryScheduled', data: command.data }] : [];
    case 'CancelRetry': {
      if (state.status === 'none') throw new RetryNotFound();
      if (state.status === 'cancelled') return [];
      if (command.data.now >= state.notBefore) throw new RetryAlreadyPickedUp(state.retryId);
      const { retryId, integrationId, flowId, flowStepId } = state;
      return [
        {
          type: 'RetryCancelled',
          data: { retryId, integrationId, flowId, flowStepId, cancelledBy: command.data.by, cancelledAt: command.data.now.toISOString() },
        },
      ];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolve(state: RetryState, event: RetryEvent): RetryState {
  switch (event.type) {
    case 'RetryScheduled': {
      const { retryId, integrationId, flowId, flowStepId, notBefore } = event.data;
      return { status: 'scheduled', retryId, integrationId, flowId, flowStepId, notBefore: new Date(notBefore) };
    }
    case 'RetryCancelled':
      return state.status === 'none' ? state : { ...state, status: 'cancelled' };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}
