import { Topics } from '@faultline/contracts';
import { notYetRelayed, OutboxMessage, OutboxWriter, returning } from '@faultline/eventing';
import { CLOCK, Clock, RelayService, PeriodicJob } from '@faultline/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ERRORS_CONFIG, ErrorsConfig } from '../../errors.config';
import { ErrorAssignees } from '../assignees/assignments.consumer';
import { ReadModels } from '../read-models';
import { retryStreamId } from '../retries/retry.decider';
import { errorStreamId } from '../streams';

const PURGE_BATCH = 1_000;
/** The period an account chose (its account_retention row `r`) in force at $1, the sweep's now: a shortening once its notice ended. */
const CHOSEN_DAYS = 'CASE WHEN r.shortening_effective_at <= $1::timestamptz THEN r.shortening_days ELSE r.days END';

interface ExpiredError {
  error_id: string;
  account_id: string;
  days: number;
}

/**
 * The scheduled job that ends each error's retention: errors whose last occurrence is older
 * than their account's period (default from configuration) are deleted from the event store
 * and from every read model, a thousand per transaction, and announced as ErrorPurged so
 * other apps drop their copies. An error waits until the event store relay has published all
 * its events: ErrorPurged goes through the outbox and must not overtake them. Old automatic
 * retries and old activity go the same way.
 */
@Injectable()
export class RetentionPurger extends PeriodicJob {
  protected readonly name = 'retention purge';
  private readonly logger = new Logger(RetentionPurger.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly readModels: ReadModels,
    private readonly assignees: ErrorAssignees,
    private readonly relay: RelayService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ERRORS_CONFIG) private readonly config: ErrorsConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.retention.sweepIntervalMs;
  }

  tick(): Promise<{ purged: number }> {
    return this.sweep();
  }

  /** Purges everything past its retention; answers how many errors went. */
  async sweep(): Promise<{ purged: number }> {
    const now = this.clock.now();
    let purged = 0;
    for (;;) {
      const count = await this.dataSource.transaction((manager) => this.purgeBatch(manager, now));
      purged += count;
      if (count < PURGE_BATCH) break;
    }
    await this.dataSource.transaction((manager) => this.purgeRetriesAndActivity(manager, now));
    if (purged > 0) {
      this.logger.log(`purged ${purged} errors past their retention`);
      this.relay.nudge();
    }
    return { purged };
  }

  private async purgeBatch(manager: EntityManager, now: Date): Promise<number> {
    const expired: ExpiredError[] = await manager.query(
      `SELECT l.error_id, l.account_id, coalesce(${CHOSEN_DAYS}, $2)::int AS days
         FROM errors_list l LEFT JOIN account_retention r ON r.account_id = l.account_id
        WHERE l.last_occurred_at < $1::timestamptz - make_interval(days => coalesce(${CHOSEN_DAYS}, $2))
          AND NOT EXISTS (SELECT 1 FROM event_store e WHERE e.stream_id = $3 || l.error_id AND ${notYetRelayed('e')})
        ORDER BY l.last_occurred_at LIMIT ${PURGE_BATCH}
        FOR UPDATE OF l SKIP LOCKED`,
      [now, this.config.retention.defaultDays, errorStreamId('')],
    );
    if (expired.length === 0) return 0;
    const ids = expired.map((error) => error.error_id);
    const deleted = await returning<{ stream_id: string; stream_version: number }>(
      manager,
      'DELETE FROM event_store WHERE stream_id = ANY($1::text[]) RETURNING stream_id, stream_version',
      [ids.map(errorStreamId)],
    );
    const lastVersion = new Map<string, number>();
    for (const row of deleted) lastVersion.set(row.stream_id, Math.max(row.stream_version, lastVersion.get(row.stream_id) ?? 0));
    await this.readModels.forget(manager, ids);
    await this.assignees.forget(manager, ids);
    await this.outbox.enqueue(manager, expired.map((error) => errorPurged(error, (lastVersion.get(errorStreamId(error.error_id)) ?? 0) + 1, now)));
    return expired.length;
  }

  /** Automatic retries (their retry data) and activity entries without an error age out the same way. */
  private async purgeRetriesAndActivity(manager: EntityManager, now: Date): Promise<void> {
    const cutoff = `$1::timestamptz - make_interval(days => coalesce((SELECT ${CHOSEN_DAYS} FROM account_retention r WHERE r.account_id = t.account_id), $2))`;
    const params = [now, this.config.retention.defaultDays];
    const retries = await returning<{ retry_id: string }>(manager, `DELETE FROM pending_retries t WHERE t.not_before < ${cutoff} RETURNING retry_id`, params);
    await manager.query('DELETE FROM event_store WHERE stream_id = ANY($1::text[])', [retries.map((retry) => retryStreamId(retry.retry_id))]);
    await manager.query(`DELETE FROM flow_activity t WHERE t.occurred_at < ${cutoff}`, params);
  }
}

function errorPurged(error: ExpiredError, aggregateVersion: number, now: Date): OutboxMessage {
  return {
    topic: Topics.errorsEvents,
    key: error.error_id,
    value: {
      eventId: randomUUID(),
      type: 'ErrorPurged',
      version: 1,
      occurredAt: now.toISOString(),
      accountId: error.account_id,
      aggregateId: error.error_id,
      aggregateVersion,
      correlationId: randomUUID(),
      actor: { type: 'system', id: 'retention' },
      data: { errorId: error.error_id, retentionDays: error.days },
    },
  };
}
