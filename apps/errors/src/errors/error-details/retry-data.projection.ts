import { chunk, valuesClause } from '@faultline/eventing';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { forgetErrorRows, Projection, StoredServiceEvent } from '../stored-events';

/** The retry data of each error as it stands: reported, replaced by a later occurrence, or edited. */
@Injectable()
export class RetryDataProjection implements Projection {
  readonly tables = ['error_retry_data'];
  readonly forget = forgetErrorRows(this.tables);

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    const latest = new Map<string, { accountId: string; retryData: unknown }>();
    for (const { event, metadata } of events) {
      if (event.type !== 'ErrorRecorded' && event.type !== 'ErrorOccurredAgain' && event.type !== 'RetryDataEdited') continue;
      if (!('retryData' in event.data) || event.data.retryData === undefined) continue;
      latest.set(event.data.errorId, { accountId: metadata.accountId, retryData: event.data.retryData });
    }
    for (const part of chunk([...latest], 500)) {
      await manager.query(
        `INSERT INTO error_retry_data (error_id, account_id, retry_data) VALUES ${valuesClause(part.length, 3, ['', '', '::jsonb'])}
         ON CONFLICT (error_id) DO UPDATE SET retry_data = excluded.retry_data`,
        part.flatMap(([errorId, { accountId, retryData }]) => [errorId, accountId, JSON.stringify(retryData)]),
      );
    }
  }
}
