import { chunk, columnParams, insertRows, TypedColumn } from '@faultline/eventing';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { forgetErrorRows, Projection, StoredServiceEvent } from '../stored-events';

const COLUMNS: TypedColumn[] = [['error_id', 'uuid'], ['account_id', 'text'], ['retry_data', 'jsonb']];

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
        `${insertRows('error_retry_data', COLUMNS)} ON CONFLICT (error_id) DO UPDATE SET retry_data = excluded.retry_data`,
        columnParams(COLUMNS, part.map(([errorId, { accountId, retryData }]) => [errorId, accountId, JSON.stringify(retryData)])),
      );
    }
  }
}
