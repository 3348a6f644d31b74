/** Injection tokens for the pieces every service shares. */
export const SERVICE_CONFIG = Symbol('ServiceConfig');
export const KAFKA = Symbol('Kafka');
export const KAFKA_PRODUCER = Symbol('KafkaProducer');
