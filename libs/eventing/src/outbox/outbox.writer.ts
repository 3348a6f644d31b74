import { ContractRegistry, contractKey, validate } from '@faultline/contracts';
import type { EntityManager } from 'typeorm';
import { chunk, columnParams, insertRows, TypedColumn } from '../database/multi-row-insert';

/** A published event, already mapped to its contract, waiting in the outbox for the relay. */
export interface OutboxMessage {
  /** The topic's base name (without any configured prefix). */
  topic: string;
  key: string;
  value: { eventId: string; type: string; version: number; correlationId: string } & Record<string, unknown>;
}

/** What one stored event is published as. */
export interface PublishedEvent {
  eventId: string;
  messages: OutboxMessage[];
}

/** Where a unit of work hands what its stored events are published as, in its transaction. */
export interface Publication {
  handOver(manager: EntityManager, events: PublishedEvent[]): Promise<void>;
}

const COLUMNS: TypedColumn[] = [['event_id', 'uuid'], ['topic', 'text'], ['message_key', 'text'], ['value', 'jsonb'], ['headers', 'jsonb']];
const ROWS_PER_INSERT = 2_000;

/**
 * Writes published events in the caller's transaction, so they reach Kafka exactly when the
 * change that caused them commits. Each is checked against its contract first: a producer
 * never publishes what its consumers would reject.
 */
export class OutboxWriter implements Publication {
  handOver(manager: EntityManager, events: PublishedEvent[]): Promise<void> {
    return this.enqueue(manager, events.flatMap((event) => event.messages));
  }

  async enqueue(manager: EntityManager, messages: OutboxMessage[]): Promise<void> {
    for (const message of messages) assertMatchesContract(message);
    for (const part of chunk(messages, ROWS_PER_INSERT)) {
      const rows = part.map((message) => [message.value.eventId, message.topic, message.key, JSON.stringify(message.value), JSON.stringify(headersOf(message))]);
      await manager.query(`${insertRows('outbox', COLUMNS)} ON CONFLICT (event_id, topic) DO NOTHING`, columnParams(COLUMNS, rows));
    }
  }
}

/** Throws unless the message is an event its topic's contract lists, valid against its schema. */
export function assertMatchesContract(message: OutboxMessage): void {
  const { type, version } = message.value;
  const schema = (ContractRegistry[message.topic] ?? []).find((candidate) => candidate.$id === contractKey(type, version));
  if (!schema) throw new Error(`no contract for ${type} v${version} on ${message.topic}`);
  const result = validate(schema, message.value);
  if (!result.ok) throw new Error(`${type} v${version} breaks its contract at ${result.reason}`);
}

export function headersOf(message: OutboxMessage): Record<string, string> {
  return {
    'event-id': message.value.eventId,
    'event-type': message.value.type,
    'event-version': String(message.value.version),
    'correlation-id': message.value.correlationId,
  };
}
