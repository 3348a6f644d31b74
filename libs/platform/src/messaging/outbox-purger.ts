import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ServiceConfig } from '../config/service-config';
import { PeriodicJob } from '../periodic-job';
import { SERVICE_CONFIG } from './tokens';

const PURGE_BATCH = 5_000;

/**
 * Published outbox rows are kept for OUTBOX_RETENTION_HOURS (to send them again after a
 * broker lost them), then deleted: what they carried must not stay in the database for ever.
 */
@Injectable()
export class OutboxPurger extends PeriodicJob {
  protected readonly name = 'outbox purge';

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.outbox.purgeIntervalMs;
  }

  /** Deletes a few thousand rows at a time, so a long backlog never holds one long transaction. */
  async tick(): Promise<number> {
    const before = new Date(Date.now() - this.config.outbox.retentionHours * 3_600_000);
    let purged = 0;
    for (;;) {
      const rows: unknown[] = await this.dataSource.query(
        `DELETE FROM outbox WHERE position IN (
           SELECT position FROM outbox WHERE published_at < $1 ORDER BY position LIMIT ${PURGE_BATCH}) RETURNING position`,
        [before],
      );
      purged += rows.length;
      if (rows.length < PURGE_BATCH) return purged;
    }
  }
}
