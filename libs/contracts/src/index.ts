export * from './envelope';
export * from './topics';
export * from './registry';
export * from './validation';
export * from './flow/error-occurred.v1';
export * from './errors/error-recorded.v1';
export * from './errors/api/errors-list.api';
