export * from './test-environment';
export * from './eventually';
export * from './kafka-test-client';
export * from './fixtures/error-occurred.fixture';
export * from './decider-spec';
export * from './test-data-source';
export * from './manual-clock';
export * from './identity-api-client';
