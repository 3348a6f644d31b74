import type { MonitorView } from '@faultline/contracts/browser';
import { named } from '../app/named';

/** How one flow's page names its integration, itself and its steps: as the runtime named them, from the monitor; ids where it knows no name. */
export function flowNames(monitor: MonitorView | undefined, integrationId: string, flowId: string) {
  const integration = monitor?.integrations.find((candidate) => candidate.integrationId === integrationId);
  const flow = monitor?.flows.find((candidate) => candidate.integrationId === integrationId && candidate.flowId === flowId);
  const steps = new Map(
    (monitor?.steps ?? []).filter((step) => step.integrationId === integrationId && step.flowId === flowId).map((step) => [step.flowStepId, step.name]),
  );
  return {
    integration: named(integration?.name, integrationId),
    flow: named(flow?.name, flowId),
    step: (flowStepId: string) => named(steps.get(flowStepId), flowStepId),
  };
}
