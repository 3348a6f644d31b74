import { chunk, columnParams, insertRows, TypedColumn } from '@faultline/eventing';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { keepsNothingPerError, ofType, Projection, StoredServiceEvent } from '../stored-events';

const COLUMNS: TypedColumn[] = [['account_id', 'text'], ['flow_id', 'text'], ['integration_id', 'text']];

/**
 * Every flow that reported an error, with its state: disabled by a 6000 or not, and its
 * settings. Ingest reads the settings here, in the same transaction that changes them.
 */
@Injectable()
export class FlowsProjection implements Projection {
  readonly tables = ['flows'];
  readonly forget = keepsNothingPerError;

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    const seen = new Map(
      ofType(events, 'ErrorRecorded').map(({ event: { data } }) => [`${data.accountId}/${data.flowId}`, [data.accountId, data.flowId, data.integrationId]]),
    );
    for (const part of chunk([...seen.values()], 500)) {
      await manager.query(
        `${insertRows('flows', COLUMNS)} ON CONFLICT DO NOTHING`,
        columnParams(COLUMNS, part),
      );
    }
    for (const { event, metadata } of events) {
      if (event.type !== 'AutomationDisabled' && event.type !== 'AutomationReenabled' && event.type !== 'FlowSettingsChanged') continue;
      const key = [metadata.accountId, event.data.flowId, event.data.integrationId];
      switch (event.type) {
        case 'AutomationDisabled':
          await this.upsert(manager, key, 'disabled = true, disabled_at = $4, disabled_by_error_id = $5, disabled_by_step_id = $6, disable_error_description = $7', [
            event.data.disabledAt,
            event.data.errorId,
            event.data.flowStepId,
            event.data.disableErrorDescription ?? null,
          ]);
          break;
        case 'AutomationReenabled':
          await this.upsert(manager, key, 'disabled = false, disabled_at = NULL, disabled_by_error_id = NULL, disabled_by_step_id = NULL, disable_error_description = NULL', []);
          break;
        case 'FlowSettingsChanged':
          await this.upsert(manager, key, 'auto_resolve_matching_trace_key = $4', [event.data.autoResolveMatchingTraceKey]);
          break;
      }
    }
  }

  /** A flow may be changed before it reported any error: its row is made first. */
  private async upsert(manager: EntityManager, key: string[], assignments: string, params: unknown[]): Promise<void> {
    await manager.query('INSERT INTO flows (account_id, flow_id, integration_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', key);
    await manager.query(`UPDATE flows SET ${assignments} WHERE account_id = $1 AND flow_id = $2 AND integration_id = $3`, [...key, ...params]);
  }
}
