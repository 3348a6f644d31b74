import type { AccessUser } from '@faultline/access';
import { CausedUnitOfWork, EventWriter, PostgresEventStore, PublishedFromStore } from '@faultline/eventing';
import { CLOCK, Clock, RelayService } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from './error.events';
import { publishedMessages } from './published/published-events';
import { ReadModels } from './read-models';
import type { ErrorsServiceEvent, StoredServiceEvent } from './stored-events';

/** What a person's request decides with: one transaction, one session, one moment, one actor. */
export interface Work extends CausedUnitOfWork {
  actor: Actor;
}

/**
 * The errors app's writer: its store and every read model in one transaction. What the events
 * are published as is checked and handed to the event store relay (no outbox copy).
 */
@Injectable()
export class ErrorsWriter extends EventWriter<ErrorsServiceEvent> {
  constructor(dataSource: DataSource, eventStore: PostgresEventStore, readModels: ReadModels, publication: PublishedFromStore, relay: RelayService, @Inject(CLOCK) clock: Clock) {
    super({
      dataSource,
      eventStore,
      publication,
      clock,
      sink: { project: (manager, stored) => readModels.apply(manager, stored), publish: publishedMessages },
      afterCommit: () => relay.nudge(),
    });
  }

  /** A person's request, decided as them. */
  run<T>(user: AccessUser, work: (unit: Work) => Promise<T>): Promise<{ result: T; stored: StoredServiceEvent[] }> {
    const actor: Actor = { type: 'user', id: user.userId };
    return this.write({ accountId: user.accountId, actor }, (unit) => work({ ...unit, actor }));
  }
}

/** How many distinct streams a request changed: "3 errors resolved", not "3 events". */
export const streamsChanged = (stored: StoredServiceEvent[], prefix: string): number =>
  new Set(stored.filter((event) => event.streamId.startsWith(prefix)).map((event) => event.streamId)).size;
