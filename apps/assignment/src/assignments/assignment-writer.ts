import { CausedUnitOfWork, Decider, DecisionCause, EventWriter, OutboxWriter, PostgresEventStore } from '@faultline/eventing';
import { CLOCK, Clock, RelayService } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import * as decider from './assignment.decider';
import { AssignmentCommand, assignmentStreamId } from './assignment.decider';
import type { Actor, AssignmentEvent } from './assignment.events';
import { projectReadModels } from './read-models';
import { AssignableError, AssignableErrorsQueries } from './assignable-errors/assignable-errors';
import { sameRecordKey } from './retry-data-key.rule';
import { publishedMessages } from './published/published-events';
import type { AssignmentServiceEvent } from './stored-events';

/** One unit of work of the assignment app, with what its decisions need. */
export interface AssignmentWork extends CausedUnitOfWork {
  /** Decides on any stream of the app, reading it first. */
  decideOn<C, E extends AssignmentServiceEvent, S>(streamId: string, decider: Decider<C, E, S>, command: C): Promise<E[]>;
  /** Decides on errors' assignment streams, reading them first. */
  decide(commands: Array<{ errorId: string; command: AssignmentCommand }>): Promise<AssignmentEvent[]>;
  /**
   * The retry data key rule: every other open error of the same step with the same key goes
   * to the assignee of `source` (never across accounts, never resolved ones).
   */
  cascade(accountId: string, sources: Array<{ error: AssignableError; assignmentId: string; assigneeUserId: string }>, by: Actor): Promise<number>;
  /** A person's assignment: the errors go to the assignee, and the open ones' retry data key siblings follow. */
  assign(accountId: string, errors: AssignableError[], assigneeUserId: string, by: Actor): Promise<{ changed: number; cascaded: number }>;
}

/**
 * Runs a request or a consumed batch as one unit of work: assignment events appended on each
 * error's stream (optimistic concurrency), the local copy updated, assignment.events.v1 written
 * to the outbox, in one transaction.
 */
@Injectable()
export class AssignmentWriter extends EventWriter<AssignmentServiceEvent> {
  constructor(dataSource: DataSource, eventStore: PostgresEventStore, outbox: OutboxWriter, relay: RelayService, @Inject(CLOCK) clock: Clock) {
    super({ dataSource, eventStore, publication: outbox, clock, sink: { project: projectReadModels, publish: publishedMessages }, afterCommit: () => relay.nudge() });
  }

  async run<T>(cause: DecisionCause, work: (unit: AssignmentWork) => Promise<T>): Promise<{ result: T; stored: number }> {
    const { result, stored } = await this.write(cause, (unit) => work(assignmentWork(unit)));
    return { result, stored: stored.length };
  }
}

function assignmentWork(unit: CausedUnitOfWork): AssignmentWork {
  const { manager, session, now, metadata } = unit;
  const decide = async (commands: Array<{ errorId: string; command: AssignmentCommand }>) => {
    await session.load(manager, decider, commands.map(({ errorId }) => assignmentStreamId(errorId)));
    return commands.flatMap(({ errorId, command }) => session.decide<AssignmentCommand, AssignmentEvent>(assignmentStreamId(errorId), command, metadata));
  };
  const cascade: AssignmentWork['cascade'] = async (accountId, sources, by) => {
    const siblings = await AssignableErrorsQueries.openOfSameRecords(manager, accountId, sources.map((source) => source.error));
    const sourceIds = new Set(sources.map((source) => source.error.errorId));
    const commands = siblings
      .filter((sibling) => !sourceIds.has(sibling.errorId))
      .flatMap((sibling) => {
        const source = sources.find(({ error }) => sameRecordKey(error) === sameRecordKey(sibling));
        if (!source) return [];
        const command: AssignmentCommand = {
          type: 'FollowAssignment',
          data: {
            errorId: sibling.errorId,
            assignmentId: randomUUID(),
            assigneeUserId: source.assigneeUserId,
            by,
            now,
            cause: 'retryDataKey',
            source: { assignmentId: source.assignmentId, errorId: source.error.errorId, assignedAt: now.toISOString() },
          },
        };
        return [{ errorId: sibling.errorId, command }];
      });
    return (await decide(commands)).length;
  };
  const assign: AssignmentWork['assign'] = async (accountId, errors, assigneeUserId, by) => {
    const manual = errors.map((error) => ({ error, assignmentId: randomUUID(), assigneeUserId }));
    const changed = await decide(
      manual.map(({ error, assignmentId }) => ({
        errorId: error.errorId,
        command: { type: 'AssignError', data: { errorId: error.errorId, assignmentId, assigneeUserId, by, now } },
      })),
    );
    const cascaded = await cascade(accountId, manual.filter(({ error }) => error.status === 'open'), by);
    return { changed: changed.length, cascaded };
  };
  const decideOn: AssignmentWork['decideOn'] = async (streamId, streamDecider, command) => {
    await session.load(manager, streamDecider, [streamId]);
    return session.decide(streamId, command, metadata);
  };
  return { ...unit, decide, decideOn, cascade, assign };
}
