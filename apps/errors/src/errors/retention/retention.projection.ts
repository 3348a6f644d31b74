import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { keepsNothingPerError, Projection, StoredServiceEvent } from '../stored-events';

/** Each account's retention period, where it was changed from the default. */
@Injectable()
export class RetentionProjection implements Projection {
  readonly tables = ['account_retention'];
  readonly forget = keepsNothingPerError;

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    for (const { event } of events) {
      if (event.type !== 'RetentionChanged') continue;
      await manager.query(
        'INSERT INTO account_retention (account_id, days) VALUES ($1, $2) ON CONFLICT (account_id) DO UPDATE SET days = excluded.days',
        [event.data.accountId, event.data.days],
      );
    }
  }
}
