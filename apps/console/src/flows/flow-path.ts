/** A flow's page in the console. */
export const flowPath = (integrationId: string, flowId: string): string => `/flows/${encodeURIComponent(integrationId)}/${encodeURIComponent(flowId)}`;

/** The API path of a flow (ids are the runtime's own text, so they are encoded). */
export const flowApiPath = (integrationId: string, flowId: string): string => `/integrations/${encodeURIComponent(integrationId)}/flows/${encodeURIComponent(flowId)}`;
