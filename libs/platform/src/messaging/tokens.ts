/** Injection tokens for the pieces every service shares. */
export const SERVICE_CONFIG = Symbol('ServiceConfig');
export const KAFKA = Symbol('Kafka');
export const KAFKA_PRODUCER = Symbol('KafkaProducer');
/** An app's event upcasters (optional): how its events stored under older schema versions are read. */
export const EVENT_UPCASTERS = Symbol('EventUpcasters');
