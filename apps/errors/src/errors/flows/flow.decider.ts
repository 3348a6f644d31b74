import { Refusal } from '@faultline/access-policy';
import type { Severity } from '../classification/severity';
import type { Actor } from '../error.events';
import type { FlowEvent, FlowSettings } from './flow.events';

export const DEFAULT_FLOW_SETTINGS: FlowSettings = { autoResolveMatchingTraceKey: false };

export interface FlowState extends FlowSettings {
  /** Set by the flow's first event; a flow never moves to another integration. */
  integrationId?: string;
  disabled: boolean;
}

/** A step of the flow failed, read as `severity`; the error it was recorded as is `errorId`. */
export type RecordFailure = {
  type: 'RecordFailure';
  data: { integrationId: string; flowId: string; flowStepId: string; errorId: string; severity: Severity; disableErrorDescription?: string; now: Date };
};
export type ReenableAutomation = { type: 'ReenableAutomation'; data: { integrationId: string; flowId: string; by: Actor; now: Date } };
export type ChangeFlowSettings = {
  type: 'ChangeFlowSettings';
  data: { integrationId: string; flowId: string; by: Actor } & FlowSettings;
};

export type FlowCommand = RecordFailure | ReenableAutomation | ChangeFlowSettings;

/** The flow is known under another integration: acting on it through this one is refused. */
export class FlowOfAnotherIntegration extends Refusal {
  readonly code = 'FLOW_OF_ANOTHER_INTEGRATION';

  constructor(flowId: string) {
    super(`flow ${flowId} does not belong to this integration`);
  }
}

export const flowStreamId = (accountId: string, flowId: string): string => `flow-${accountId}/${flowId}`;

export const initialState = (): FlowState => ({ disabled: false, ...DEFAULT_FLOW_SETTINGS });

/**
 * Seed 002: a failure of high severity (6000) disables the automation until someone re-enables
 * it; other failures are no concern of the flow. Disabling a disabled flow, re-enabling an
 * enabled one or re-saving settings changes nothing.
 */
export function decide(command: FlowCommand, state: FlowState): FlowEvent[] {
  if (command.type === 'RecordFailure' && command.data.severity !== 'high') return [];
  if (state.integrationId !== undefined && state.integrationId !== command.data.integrationId) {
    throw new FlowOfAnotherIntegration(command.data.flowId);
  }
  switch (command.type) {
    case 'RecordFailure': {
      if (state.disabled) return [];
      const { now, disableErrorDescription, severity: _severity, ...data } = command.data;
      return [
        {
          type: 'AutomationDisabled',
          data: { ...data, ...(disableErrorDescription === undefined ? {} : { disableErrorDescription }), disabledAt: now.toISOString() },
        },
      ];
    }
    case 'ReenableAutomation': {
      if (!state.disabled) return [];
      const { integrationId, flowId, by, now } = command.data;
      return [{ type: 'AutomationReenabled', data: { integrationId, flowId, reenabledBy: by, reenabledAt: now.toISOString() } }];
    }
    case 'ChangeFlowSettings': {
      const { integrationId, flowId, by, autoResolveMatchingTraceKey } = command.data;
      if (autoResolveMatchingTraceKey === state.autoResolveMatchingTraceKey) return [];
      return [{ type: 'FlowSettingsChanged', data: { integrationId, flowId, changedBy: by, autoResolveMatchingTraceKey } }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolve(state: FlowState, event: FlowEvent): FlowState {
  const next = { ...state, integrationId: event.data.integrationId };
  switch (event.type) {
    case 'AutomationDisabled':
      return { ...next, disabled: true };
    case 'AutomationReenabled':
      return { ...next, disabled: false };
    case 'FlowSettingsChanged':
      return { ...next, autoResolveMatchingTraceKey: event.data.autoResolveMatchingTraceKey };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}
