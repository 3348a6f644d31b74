import type { StepType } from '@faultline/contracts';

/** One step of a simulated flow, and how it fails. */
export interface SimulatedStep {
  flowStepId: string;
  flowStepName: string;
  stepType: StepType;
  /** The app the step calls, as its messages name it. */
  app: string;
  failures: readonly Failure[];
}

export interface SimulatedFlow {
  integrationId: string;
  integrationName: string;
  flowId: string;
  flowName: string;
  steps: readonly SimulatedStep[];
}

/** A way a step fails, as the called app answers. `weight` is how often, against the others. */
export interface Failure {
  weight: number;
  message: (record: string) => string;
  httpStatus?: number;
  code?: string;
  severity?: { code: 4000 | 6000; title: string; description: string; disable?: string };
}

const missingAddress: Failure = { weight: 6, httpStatus: 422, code: 'MISSING_FIELD', message: (record) => `Customer on order ${record} is missing a billing address` };
const notFound: Failure = { weight: 3, httpStatus: 404, code: 'NOT_FOUND', message: (record) => `Item ${record} was not found` };
const unauthorized: Failure = { weight: 1, httpStatus: 401, message: () => 'The connection token was rejected' };
const rateLimited: Failure = { weight: 3, httpStatus: 429, message: () => 'Too many requests: slow down' };
const unavailable: Failure = { weight: 3, httpStatus: 503, message: () => 'Service temporarily unavailable' };
const crashed: Failure = { weight: 1, httpStatus: 500, message: (record) => `Unexpected error while transforming ${record}` };
const timeout: Failure = { weight: 2, message: () => 'Timed out after 30 s waiting for the app' };
const pricing: Failure = {
  weight: 1,
  httpStatus: 400,
  message: (record) => `Price list rejected order ${record}`,
  severity: { code: 4000, title: 'Price list mismatch', description: 'The price list in the ERP does not match the store; the run failed.' },
};
const boardDeleted: Failure = {
  weight: 0.2,
  httpStatus: 410,
  message: () => 'The board this automation writes to was deleted',
  severity: { code: 6000, title: 'Board deleted', description: 'The board no longer exists.', disable: 'Choose another board, then re-enable the automation' },
};

/** The integrations, flows and steps the simulator runs: names a person recognises. */
export const CATALOGUE: readonly SimulatedFlow[] = [
  {
    integrationId: 'shopify-netsuite',
    integrationName: 'Shopify ↔ NetSuite',
    flowId: 'orders-to-netsuite',
    flowName: 'Orders to NetSuite',
    steps: [
      { flowStepId: 'export-shopify-orders', flowStepName: 'Export Shopify orders', stepType: 'export', app: 'Shopify', failures: [unauthorized, rateLimited, timeout] },
      { flowStepId: 'map-order-lines', flowStepName: 'Map order lines', stepType: 'transform', app: 'Faultline mapper', failures: [crashed] },
      { flowStepId: 'import-sales-orders', flowStepName: 'Import sales orders', stepType: 'import', app: 'NetSuite', failures: [missingAddress, pricing, unavailable] },
    ],
  },
  {
    integrationId: 'shopify-netsuite',
    integrationName: 'Shopify ↔ NetSuite',
    flowId: 'inventory-to-shopify',
    flowName: 'Inventory to Shopify',
    steps: [
      { flowStepId: 'lookup-items', flowStepName: 'Look up items', stepType: 'lookup', app: 'NetSuite', failures: [notFound, timeout] },
      { flowStepId: 'update-stock-levels', flowStepName: 'Update stock levels', stepType: 'custom_action', app: 'Shopify', failures: [rateLimited, unavailable] },
    ],
  },
  {
    integrationId: 'salesforce-monday',
    integrationName: 'Salesforce → monday.com',
    flowId: 'deals-to-boards',
    flowName: 'Deals to boards',
    steps: [
      { flowStepId: 'salesforce-webhook', flowStepName: 'Salesforce webhook', stepType: 'webhook', app: 'Salesforce', failures: [unavailable, timeout] },
      { flowStepId: 'create-board-item', flowStepName: 'Create board item', stepType: 'custom_action', app: 'monday.com', failures: [unavailable, rateLimited, boardDeleted] },
    ],
  },
];
