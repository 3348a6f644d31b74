import type { AccessUser } from '@faultline/access';
import { DecisionSession, EventMetadata, EventSink, inUnitOfWork, metadataFor, OutboxWriter, PostgresEventStore } from '@faultline/eventing';
import { CLOCK, Clock, OutboxRelayService } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from './error.events';
import { publishedMessages } from './published/published-events';
import { ReadModels } from './read-models';
import type { ErrorsServiceEvent, StoredServiceEvent } from './stored-events';

/** What a person's request decides with: one transaction, one session, one moment, one actor. */
export interface Work {
  manager: EntityManager;
  session: DecisionSession;
  now: Date;
  actor: Actor;
  metadata: () => EventMetadata;
}

/**
 * Runs a person's request as one unit: the decisions it takes are appended, projected into
 * every read model and written to the outbox in one transaction, or not at all.
 */
@Injectable()
export class ErrorsWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
    private readonly readModels: ReadModels,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async run<T>(user: AccessUser, work: (unit: Work) => Promise<T>): Promise<{ result: T; stored: StoredServiceEvent[] }> {
    const now = this.clock.now();
    const actor: Actor = { type: 'user', id: user.userId };
    const metadata = metadataFor({ accountId: user.accountId, actor }, now);
    const outcome = await inUnitOfWork(this.parts(), (session, manager) => work({ manager, session, now, actor, metadata }));
    if (outcome.stored.length > 0) this.relay.nudge();
    return outcome;
  }

  /** What a unit of work of this service writes to: its store, its read models, its outbox. */
  parts() {
    const sink: EventSink<ErrorsServiceEvent> = {
      project: (manager, stored) => this.readModels.apply(manager, stored),
      publish: publishedMessages,
    };
    return { dataSource: this.dataSource, eventStore: this.eventStore, outbox: this.outbox, sink };
  }
}

/** How many distinct streams a request changed: "3 errors resolved", not "3 events". */
export const streamsChanged = (stored: StoredServiceEvent[], prefix: string): number =>
  new Set(stored.filter((event) => event.streamId.startsWith(prefix)).map((event) => event.streamId)).size;
