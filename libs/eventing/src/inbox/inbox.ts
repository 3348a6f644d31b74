import { Refusal } from '@faultline/access-policy';
import type { EntityManager } from 'typeorm';
import { chunk } from '../database/multi-row-insert';

/**
 * The idempotent consumer's memory: which events a named consumer has already handled.
 * Claiming runs in the same transaction as the handler's writes, so an event redelivered after
 * a crash is either fully handled once or not at all.
 */
export class Inbox {
  /** Claims the event ids for `consumer`; returns only those not handled before. */
  async claim(manager: EntityManager, consumer: string, eventIds: string[]): Promise<Set<string>> {
    const unique = [...new Set(eventIds)];
    const claimed = new Set<string>();
    for (const part of chunk(unique, 5_000)) {
      const rows: Array<{ event_id: string }> = await manager.query(
        'INSERT INTO inbox (consumer, event_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id',
        [consumer, part],
      );
      for (const row of rows) claimed.add(row.event_id);
    }
    return claimed;
  }

  /** The events `consumer` has not handled before, each once however often the batch repeats it. */
  async fresh<E extends { eventId: string }>(manager: EntityManager, consumer: string, events: E[]): Promise<E[]> {
    const claimed = await this.claim(manager, consumer, events.map((event) => event.eventId));
    return events.filter((event) => claimed.delete(event.eventId));
  }

  /**
   * Claims the events and hands the fresh ones to `handle`, in order (after `prepare`, which
   * sees them all first); gives back those a rule refused (a `Refusal`), for the DLQ, with their
   * claims released in this same transaction so a replay from there is handled. Anything else
   * `handle` throws fails the transaction, and the batch is tried again.
   */
  async handleFresh<E extends { eventId: string }>(
    manager: EntityManager,
    consumer: string,
    events: E[],
    steps: { prepare?: (fresh: E[]) => Promise<void>; handle: (event: E) => void | Promise<void> },
  ): Promise<Array<{ eventId: string; reason: string }>> {
    const fresh = await this.fresh(manager, consumer, events);
    await steps.prepare?.(fresh);
    const refused: Array<{ eventId: string; reason: string }> = [];
    for (const event of fresh) {
      try {
        await steps.handle(event);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        refused.push({ eventId: event.eventId, reason: `${error.code}: ${error.message}` });
      }
    }
    await this.release(manager, consumer, refused.map((entry) => entry.eventId));
    return refused;
  }

  /** Forgets claims of events the handler sent to the DLQ instead, so a replay from there is handled. */
  async release(manager: EntityManager, consumer: string, eventIds: string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await manager.query('DELETE FROM inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])', [consumer, eventIds]);
  }
}
