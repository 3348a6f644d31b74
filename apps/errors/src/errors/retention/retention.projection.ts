import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { keepsNothingPerError, Projection, StoredServiceEvent } from '../stored-events';

/** Each account's retention period, where it was changed from the default, and a shortening to come. */
@Injectable()
export class RetentionProjection implements Projection {
  readonly tables = ['account_retention'];
  readonly forget = keepsNothingPerError;

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    for (const { event } of events) {
      if (event.type !== 'RetentionChanged' && event.type !== 'RetentionShorteningScheduled') continue;
      const { accountId, days } = event.data;
      const [inForce, shortening] = event.type === 'RetentionChanged' ? [days, undefined] : [event.data.fromDays, event.data];
      await manager.query(
        `INSERT INTO account_retention (account_id, days, shortening_days, shortening_effective_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (account_id) DO UPDATE SET days = excluded.days, shortening_days = excluded.shortening_days, shortening_effective_at = excluded.shortening_effective_at`,
        [accountId, inForce, shortening?.days ?? null, shortening?.effectiveAt ?? null],
      );
    }
  }
}
