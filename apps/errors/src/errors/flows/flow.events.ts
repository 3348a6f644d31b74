import type { Actor } from '../error.events';

/** A 6000 stopped the automation: the runtime must not run it until someone re-enables it. */
export type AutomationDisabled = {
  type: 'AutomationDisabled';
  data: { integrationId: string; flowId: string; flowStepId: string; errorId: string; disableErrorDescription?: string; disabledAt: string };
};

export type AutomationReenabled = {
  type: 'AutomationReenabled';
  data: { integrationId: string; flowId: string; reenabledBy: Actor; reenabledAt: string };
};

export interface FlowSettings {
  /** A new error with an open error's trace key resolves the older one (off by default). */
  autoResolveMatchingTraceKey: boolean;
}

export type FlowSettingsChanged = {
  type: 'FlowSettingsChanged';
  data: { integrationId: string; flowId: string; changedBy: Actor } & FlowSettings;
};

export type FlowEvent = AutomationDisabled | AutomationReenabled | FlowSettingsChanged;
