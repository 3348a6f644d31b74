export * from './access.types';
export * from './permission-refused';
export * from './access.policy';
export * from './refusal';
