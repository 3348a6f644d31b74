/**
 * What the web console may load in a browser: the admin APIs' schemas and types. The full
 * index also holds the sealed-text helper, which needs Node's crypto.
 */
export * from './errors/api/errors-list.api';
export * from './errors/api/error-actions.api';
export * from './errors/api/error-details.api';
export * from './errors/api/saved-views.api';
export * from './assignment/api/assignment.api';
export * from './identity/api/identity.api';
export * from './notifications/api/notifications.api';
export { ErrorClassName, SeverityName } from './errors/error-recorded.v1';
