import { deciderSpec } from '@faultline/testing';
import type { Actor } from '../error.events';
import { decide, evolve, FlowCommand, FlowOfAnotherIntegration, initialState } from './flow.decider';
import type { FlowEvent } from './flow.events';

const spec = deciderSpec({ decide, evolve, initialState });
const now = new Date('2026-11-23T10:00:00.000Z');
const alice: Actor = { type: 'user', id: 'usr-alice' };
const flow = { integrationId: 'int-1', flowId: 'flow-1' };

const failure = (severity: 'none' | 'medium' | 'high', integrationId = flow.integrationId): FlowCommand => ({
  type: 'RecordFailure',
  data: { ...flow, integrationId, flowStepId: 'step-1', errorId: 'e-1', severity, disableErrorDescription: 'Group deleted', now },
});
const disable = failure('high');
const disabled: FlowEvent = {
  type: 'AutomationDisabled',
  data: { ...flow, flowStepId: 'step-1', errorId: 'e-1', disableErrorDescription: 'Group deleted', disabledAt: now.toISOString() },
};
const reenable: FlowCommand = { type: 'ReenableAutomation', data: { ...flow, by: alice, now } };
const reenabled: FlowEvent = { type: 'AutomationReenabled', data: { ...flow, reenabledBy: alice, reenabledAt: now.toISOString() } };
const settings = (autoResolveMatchingTraceKey: boolean): FlowCommand => ({
  type: 'ChangeFlowSettings',
  data: { ...flow, by: alice, autoResolveMatchingTraceKey },
});

describe('disabling an automation (severity 6000)', () => {
  it('an enabled flow is disabled with the app’s message', () => {
    spec.given([]).when(disable).then([disabled]);
  });

  it('a failure of lower severity leaves the flow running, whatever integration reports it', () => {
    spec.given([]).when(failure('medium')).then([]);
    spec.given([]).when(failure('none')).then([]);
    spec.given([disabled, reenabled]).when(failure('medium', 'int-2')).then([]);
  });

  it('a disabled flow stays disabled without a second event', () => {
    spec.given([disabled]).when(disable).then([]);
  });

  it('re-enabling a disabled flow enables it; re-enabling an enabled flow changes nothing', () => {
    spec.given([disabled]).when(reenable).then([reenabled]);
    spec.given([disabled, reenabled]).when(reenable).then([]);
  });

  it('a re-enabled flow can be disabled again', () => {
    spec.given([disabled, reenabled]).when(disable).then([disabled]);
  });
});

describe('flow settings', () => {
  it('auto-resolve by trace key is off until someone turns it on', () => {
    spec.given([]).when(settings(false)).then([]);
    spec.given([]).when(settings(true)).then([{ type: 'FlowSettingsChanged', data: { ...flow, changedBy: alice, autoResolveMatchingTraceKey: true } }]);
  });

  it('a flow of one integration is not changed through another', () => {
    spec
      .given([disabled])
      .when({ type: 'ReenableAutomation', data: { integrationId: 'int-2', flowId: 'flow-1', by: alice, now } })
      .thenRefuses(FlowOfAnotherIntegration);
  });
});
