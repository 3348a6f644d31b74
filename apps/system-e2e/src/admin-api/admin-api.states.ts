/** The consumer's name in the admin API's pacts. */
export const ADMIN_TOOL = 'admin-tool';

/** The one provider state the admin tool's interactions start from. */
export const OPEN_ERROR = 'an open error of a step, and a user it may be assigned to';

/** Where the error of that state failed. */
export const PLACE = { integrationId: 'shopify-netsuite', flowId: 'orders-to-netsuite', flowStepId: 'import-sales-orders' };

/** Example values in the pact; the provider state injects the real ones. */
export const EXAMPLE = {
  errorId: '3f1c9a52-7d7e-4a8c-9c55-2a4f0f1e6b10',
  userId: '8a0d5f2e-0c4b-4e11-b7a9-6f1d2c3e4a5b',
  retryData: { orderId: 'SO-1001', customer: null },
};
