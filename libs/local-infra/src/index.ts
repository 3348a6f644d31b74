export { startInfrastructure } from './infrastructure';
export type { Infrastructure, InfrastructureOptions, Provenance, TopicSpec } from './infrastructure';
export { KafkaMockSupervisor } from './kafka-mock/kafka-mock.supervisor';
export { startEmbeddedPostgres } from './postgres/embedded-postgres';
export { startSmtpSink } from './smtp-sink';
export { dockerEngineAnswers } from './docker';
export * from './service-process';
export * from './infrastructure-process';
export * from './free-port';
