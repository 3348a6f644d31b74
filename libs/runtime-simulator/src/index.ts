export * from './catalogue';
export * from './runtime-simulator';
export * from './simulated-runtime';
