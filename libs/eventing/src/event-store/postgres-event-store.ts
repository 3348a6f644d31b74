import type { EntityManager } from 'typeorm';
import { countBy } from '../database/group-by';
import { chunk, columnParams, insertRows, isUniqueViolation, TypedColumn } from '../database/multi-row-insert';
import {
  ConcurrencyError,
  DomainEvent,
  NewEvent,
  StoredEvent,
  StreamAppend,
} from './event-store.types';
import { EventingMetrics, UNMEASURED } from '../observability/eventing-metrics';
import { EventSchemaVersions, Upcaster } from './upcasting';

const COLUMNS: TypedColumn[] = [
  ['stream_id', 'text'], ['stream_version', 'int'], ['event_id', 'uuid'], ['event_type', 'text'], ['event_version', 'int'], ['data', 'jsonb'], ['metadata', 'jsonb'],
];
const SELECTED = 'global_position, stream_id, stream_version, event_type, event_version, data, metadata';
const ROWS_PER_INSERT = 1_000;

/**
 * Where an event stands in commit order: its transaction, then its position. Positions are
 * taken when rows are inserted, not when they commit, so a reader that follows positions alone
 * could pass an event whose transaction commits later; transaction ids below the oldest one
 * still running can no longer gain events.
 */
export interface CommitPosition {
  transactionId: string;
  globalPosition: string;
}

interface EventRow {
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  event_version: number;
  data: object;
  metadata: NewEvent['metadata'];
}

/**
 * An append-only event store in one PostgreSQL table. Optimistic concurrency: an append
 * states the version it expects the stream to be at; the unique (stream, version) constraint
 * makes the loser of a race fail with a ConcurrencyError instead of interleaving.
 * Appends run inside the caller's transaction, so projections and outbox rows commit with them.
 */
export class PostgresEventStore {
  private readonly schemas: EventSchemaVersions;

  /** `upcasters`: how events stored under an older schema version are read as the current one. */
  constructor(
    upcasters: readonly Upcaster[] = [],
    private readonly metrics: Pick<EventingMetrics, 'eventsAppended'> = UNMEASURED,
  ) {
    this.schemas = new EventSchemaVersions(upcasters);
  }

  async append<E extends DomainEvent>(manager: EntityManager, appends: StreamAppend<E>[]): Promise<StoredEvent<E>[]> {
    const nonEmpty = appends.filter((append) => append.events.length > 0);
    if (nonEmpty.length === 0) return [];
    await this.checkExpectedVersions(manager, nonEmpty);
    const rows = nonEmpty.flatMap((append) =>
      append.events.map((newEvent, index) => ({ streamId: append.streamId, version: append.expectedVersion + index + 1, newEvent })),
    );
    const stored: StoredEvent<E>[] = [];
    for (const part of chunk(rows, ROWS_PER_INSERT)) {
      const values = part.map(({ streamId, version, newEvent }) => [
        streamId,
        version,
        newEvent.metadata.eventId,
        newEvent.event.type,
        this.schemas.current(newEvent.event.type),
        JSON.stringify(newEvent.event.data),
        JSON.stringify(newEvent.metadata),
      ]);
      const positions = await this.insert(manager, values, nonEmpty);
      for (const { streamId, version, newEvent } of part) {
        const globalPosition = positions.get(newEvent.metadata.eventId);
        if (globalPosition === undefined) throw new Error(`event ${newEvent.metadata.eventId} was not stored`);
        stored.push({ ...newEvent, streamId, streamVersion: version, globalPosition });
      }
    }
    for (const [type, count] of countBy(stored, (event) => event.event.type)) this.metrics.eventsAppended(type, count);
    return stored;
  }

  async readStream<E extends DomainEvent>(manager: EntityManager, streamId: string): Promise<StoredEvent<E>[]> {
    const rows: EventRow[] = await manager.query(
      `SELECT ${SELECTED} FROM event_store WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    return rows.map((row) => this.toStoredEvent<E>(row));
  }

  /** Reads many streams in one query, each in version order. */
  async readStreams<E extends DomainEvent>(manager: EntityManager, streamIds: string[]): Promise<Map<string, StoredEvent<E>[]>> {
    const streams = new Map<string, StoredEvent<E>[]>(streamIds.map((streamId) => [streamId, []]));
    if (streamIds.length === 0) return streams;
    const rows: EventRow[] = await manager.query(
      `SELECT ${SELECTED} FROM event_store WHERE stream_id = ANY($1::text[]) ORDER BY stream_id, stream_version`,
      [streamIds],
    );
    for (const row of rows) streams.get(row.stream_id)?.push(this.toStoredEvent<E>(row));
    return streams;
  }

  /** Reads events across all streams after a global position, oldest first. */
  async readAll(manager: EntityManager, afterPosition: string, limit: number): Promise<StoredEvent[]> {
    const rows: EventRow[] = await manager.query(
      `SELECT ${SELECTED} FROM event_store WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [afterPosition, limit],
    );
    return rows.map((row) => this.toStoredEvent(row));
  }

  /**
   * Which events committed after `after`, in commit order, only from transactions older than
   * every transaction still running: no event can later appear before the last one returned.
   * The order is the index's: transaction ids as numbers (as text, 100 sorts before 99), and
   * the running transactions are looked up once, not for every row.
   */
  async committedAfter(manager: EntityManager, after: CommitPosition, limit: number): Promise<Array<{ eventId: string; at: CommitPosition }>> {
    const rows: Array<{ event_id: string; commit_transaction: string; global_position: string }> = await manager.query(
      `SELECT event_id, transaction_id::text AS commit_transaction, global_position FROM event_store
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
        ORDER BY transaction_id, global_position LIMIT $3`,
      [after.transactionId, after.globalPosition, limit],
    );
    return rows.map((row) => ({ eventId: row.event_id, at: { transactionId: row.commit_transaction, globalPosition: String(row.global_position) } }));
  }

  /** The events at these global positions. */
  async readAt(manager: EntityManager, globalPositions: string[]): Promise<StoredEvent[]> {
    if (globalPositions.length === 0) return [];
    const rows: EventRow[] = await manager.query(`SELECT ${SELECTED} FROM event_store WHERE global_position = ANY($1::bigint[])`, [globalPositions]);
    return rows.map((row) => this.toStoredEvent(row));
  }

  /**
   * A new stream (expected at 0) needs no check: a concurrent writer of its first event makes
   * this insert break the unique (stream, version) key, which is the ConcurrencyError. Streams
   * expected further on are checked, so a stream that lost events (purged) is not appended
   * past a gap; each stream's version is one backward index probe, however long the stream.
   */
  private async checkExpectedVersions(manager: EntityManager, appends: StreamAppend[]): Promise<void> {
    const existing = appends.filter((append) => append.expectedVersion > 0);
    if (existing.length === 0) return;
    const rows: Array<{ stream_id: string; version: number | null }> = await manager.query(
      `SELECT s.stream_id, (SELECT max(stream_version) FROM event_store e WHERE e.stream_id = s.stream_id)::int AS version
         FROM unnest($1::text[]) AS s(stream_id)`,
      [existing.map((append) => append.streamId)],
    );
    const current = new Map(rows.map((row) => [row.stream_id, row.version ?? 0]));
    for (const append of existing) {
      const actual = current.get(append.streamId) ?? 0;
      if (actual !== append.expectedVersion) throw new ConcurrencyError(append.streamId, append.expectedVersion, actual);
    }
  }

  /** Inserts the rows; the position each event got, by event id. */
  private async insert(manager: EntityManager, values: unknown[][], appends: StreamAppend[]): Promise<Map<string, string>> {
    try {
      const inserted: Array<{ event_id: string; global_position: string }> = await manager.query(
        `${insertRows('event_store', COLUMNS)} RETURNING event_id, global_position`,
        columnParams(COLUMNS, values),
      );
      return new Map(inserted.map((row) => [row.event_id, String(row.global_position)]));
    } catch (error) {
      if (isUniqueViolation(error, 'event_store_stream_version')) {
        const streamId = (error as { driverError?: { detail?: string } }).driverError?.detail ?? '';
        const append = appends.find((candidate) => streamId.includes(candidate.streamId)) ?? appends[0];
        throw new ConcurrencyError(append.streamId, append.expectedVersion);
      }
      throw error;
    }
  }

  private toStoredEvent<E extends DomainEvent>(row: EventRow): StoredEvent<E> {
    return {
      streamId: row.stream_id,
      streamVersion: row.stream_version,
      globalPosition: String(row.global_position),
      event: { type: row.event_type, data: this.schemas.upcast(row.event_type, row.event_version, row.data) } as E,
      metadata: row.metadata,
    };
  }
}
