import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { keepsNothingPerError, Projection, StoredServiceEvent } from '../stored-events';

/** Saved views as rows (each user's, and the shared ones), and each user's default. */
@Injectable()
export class SavedViewsProjection implements Projection {
  readonly tables = ['saved_views', 'default_views'];
  readonly forget = keepsNothingPerError;

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    for (const { event, metadata } of events) {
      switch (event.type) {
        case 'ViewSaved':
        case 'ViewChanged': {
          const { viewId, ownerUserId, name, filter, columns, shared } = event.data;
          await manager.query(
            `INSERT INTO saved_views (view_id, account_id, owner_user_id, name, filter, columns, shared) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (view_id) DO UPDATE SET name = excluded.name, filter = excluded.filter, columns = excluded.columns, shared = excluded.shared`,
            [viewId, metadata.accountId, ownerUserId, name, JSON.stringify(filter), columns, shared],
          );
          break;
        }
        case 'ViewDeleted':
          await manager.query('DELETE FROM saved_views WHERE view_id = $1', [event.data.viewId]);
          break;
        case 'DefaultViewChosen':
          await manager.query(
            `INSERT INTO default_views (account_id, user_id, view_id) VALUES ($1, $2, $3)
             ON CONFLICT (account_id, user_id) DO UPDATE SET view_id = excluded.view_id`,
            [metadata.accountId, event.data.userId, event.data.viewId],
          );
          break;
      }
    }
  }
}
