// What is generated from the contracts for teams outside TypeScript (tools and tests only: it needs js-yaml).
export * from './asyncapi-document';
export * from './compatibility';
export * from './json-schema-files';
export * from './published-documents';
export * from './topic-parties';
