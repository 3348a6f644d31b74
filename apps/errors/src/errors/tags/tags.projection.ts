import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { keepsNothingPerError, Projection, StoredServiceEvent } from '../stored-events';

/** The account's tag catalogue as a table, for listing and for naming tags in the errors list. */
@Injectable()
export class TagsProjection implements Projection {
  readonly tables = ['tags'];
  readonly forget = keepsNothingPerError;

  async apply(manager: EntityManager, events: StoredServiceEvent[]): Promise<void> {
    for (const { event, metadata } of events) {
      if (event.type === 'TagCreated' || event.type === 'TagChanged') {
        const { tagId, name, colour } = event.data;
        await manager.query(
          `INSERT INTO tags (tag_id, account_id, name, colour) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tag_id) DO UPDATE SET name = excluded.name, colour = excluded.colour`,
          [tagId, metadata.accountId, name, colour],
        );
      } else if (event.type === 'TagDeleted') {
        await manager.query('DELETE FROM tags WHERE tag_id = $1', [event.data.tagId]);
      }
    }
  }
}
