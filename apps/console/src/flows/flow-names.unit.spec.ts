import type { MonitorView } from '@faultline/contracts/browser';
import { flowNames } from './flow-names';

const counts = { open: 1, assigned: 0, unassigned: 1 };
const monitor: MonitorView = {
  totals: counts,
  integrations: [{ integrationId: 'shopify', name: 'Shopify ↔ NetSuite', ...counts }],
  flows: [{ integrationId: 'shopify', flowId: 'orders', name: 'Orders to NetSuite', disabled: false, ...counts }],
  steps: [
    { integrationId: 'shopify', flowId: 'orders', flowStepId: 'map', name: 'Map order lines', ...counts },
    { integrationId: 'other', flowId: 'orders', flowStepId: 'export', name: 'Another flow’s step', ...counts },
  ],
  tags: [],
};

describe("a flow page's names", () => {
  it('are the runtime’s names with their ids', () => {
    const names = flowNames(monitor, 'shopify', 'orders');
    expect([names.integration, names.flow, names.step('map')]).toEqual(['Shopify ↔ NetSuite (shopify)', 'Orders to NetSuite (orders)', 'Map order lines (map)']);
  });

  it('are the ids where the monitor knows no name: another flow’s step, or no monitor yet', () => {
    expect(flowNames(monitor, 'shopify', 'orders').step('export')).toBe('export');
    const names = flowNames(undefined, 'shopify', 'orders');
    expect([names.integration, names.flow, names.step('map')]).toEqual(['shopify', 'orders', 'map']);
  });
});
