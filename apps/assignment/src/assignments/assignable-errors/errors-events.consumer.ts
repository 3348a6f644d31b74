import type { ErrorPurgedV1, ErrorRecordedV1, ErrorReopenedV1, ErrorResolvedV1, ErrorTaggedV1, ErrorUntaggedV1 } from '@faultline/contracts';
import { Topics } from '@faultline/contracts';
import { ConsumedBatch, Inbox } from '@faultline/eventing';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import type { AssignmentCommand } from '../assignment.decider';
import type { Actor } from '../assignment.events';
import { AssignmentWork, AssignmentWriter } from '../assignment-writer';
import { AssignableError, AssignableErrorsQueries } from './assignable-errors';

export const ERRORS_CONSUMER = 'assignment.errors-events';
const RULES: Actor = { type: 'system', id: 'assignment-rules' };

type ErrorsEvent =
  | ErrorRecordedV1
  | ErrorResolvedV1
  | ErrorReopenedV1
  | ErrorPurgedV1
  | ErrorTaggedV1
  | ErrorUntaggedV1
  | { type: string; eventId: string; accountId: string };

/**
 * Keeps the local copy of the errors in step with errors.events.v1 and applies the automatic
 * assignment rules to what arrives: a new error with the retry data key of an assigned open
 * error goes to that assignee; an error that supersedes an assigned one (trace key, auto-resolve
 * on) inherits its assignee — whichever of the two events comes first.
 */
@Controller()
export class ErrorsEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly writer: AssignmentWriter,
  ) {}

  @EventPattern(Topics.errorsEvents)
  async onErrorsEvents(@Payload() batch: ConsumedBatch<ErrorsEvent>): Promise<void> {
    const byAccount = new Map<string, ErrorsEvent[]>();
    for (const { event } of batch.events) byAccount.set(event.accountId, [...(byAccount.get(event.accountId) ?? []), event]);
    for (const [accountId, events] of byAccount) {
      await this.writer.run({ accountId, actor: RULES }, async (work) => {
        const fresh = await this.inbox.claim(work.manager, ERRORS_CONSUMER, events.map((event) => event.eventId));
        for (const event of events) if (fresh.delete(event.eventId)) await apply(work, event);
      });
    }
  }
}

async function apply(work: AssignmentWork, event: ErrorsEvent): Promise<void> {
  const { manager } = work;
  switch (event.type) {
    case 'ErrorRecorded': {
      const { data, accountId } = event as ErrorRecordedV1;
      await lockSuccession(work, data.errorId);
      await manager.query(
        `INSERT INTO assignable_errors (error_id, account_id, integration_id, flow_id, flow_step_id, status, retry_data_key, trace_key,
                                        occurred_at, message, source, http_status, error_class, severity)
         VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (error_id) DO NOTHING`,
        [data.errorId, accountId, data.integrationId, data.flowId, data.flowStepId, data.retryDataKey ?? null, data.traceKey ?? null,
          data.occurredAt, data.message, data.source ?? null, data.httpStatus ?? null, data.errorClass, data.severity],
      );
      const superseded = await AssignableErrorsQueries.supersededBy(manager, data.errorId);
      if (superseded?.assigneeUserId) return follow(work, data.errorId, superseded, 'traceKey');
      const sameKey = data.retryDataKey
        ? await AssignableErrorsQueries.openWithRetryDataKeys(manager, accountId, [{ flowStepId: data.flowStepId, retryDataKey: data.retryDataKey }])
        : [];
      const source = sameKey
        .filter((error) => error.errorId !== data.errorId && error.assigneeUserId !== null)
        .sort((a, b) => (b.assignedAt ?? '').localeCompare(a.assignedAt ?? ''))[0];
      if (source) await follow(work, data.errorId, source, 'retryDataKey');
      return;
    }
    case 'ErrorResolved': {
      const { data } = event as ErrorResolvedV1;
      if (data.supersededBy) await lockSuccession(work, data.supersededBy);
      await manager.query("UPDATE assignable_errors SET status = 'resolved', superseded_by = $2 WHERE error_id = $1", [data.errorId, data.supersededBy ?? null]);
      if (data.reason !== 'superseded' || !data.supersededBy) return;
      const [older] = await AssignableErrorsQueries.byIds(manager, event.accountId, [data.errorId]);
      const [newer] = await AssignableErrorsQueries.byIds(manager, event.accountId, [data.supersededBy]);
      if (older?.assigneeUserId && newer) await follow(work, newer.errorId, older, 'traceKey');
      return;
    }
    case 'ErrorTagged':
      await manager.query('UPDATE assignable_errors SET tag_ids = array_append(array_remove(tag_ids, $2::uuid), $2::uuid) WHERE error_id = $1', [
        (event as ErrorTaggedV1).data.errorId,
        (event as ErrorTaggedV1).data.tagId,
      ]);
      return;
    case 'ErrorUntagged':
      await manager.query('UPDATE assignable_errors SET tag_ids = array_remove(tag_ids, $2::uuid) WHERE error_id = $1', [
        (event as ErrorUntaggedV1).data.errorId,
        (event as ErrorUntaggedV1).data.tagId,
      ]);
      return;
    case 'ErrorReopened':
      await manager.query("UPDATE assignable_errors SET status = 'open' WHERE error_id = $1", [(event as ErrorReopenedV1).data.errorId]);
      return;
    case 'ErrorPurged':
      await manager.query('DELETE FROM assignable_errors WHERE error_id = $1', [(event as ErrorPurgedV1).data.errorId]);
      return;
    default:
      return;
  }
}

/**
 * The new error and the resolution naming it arrive on different partitions, handled side by
 * side: whichever comes second must see the first, so both take this lock on the new error.
 */
async function lockSuccession(work: AssignmentWork, newerErrorId: string): Promise<void> {
  await work.manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`succession:${newerErrorId}`]);
}

/** A rule passes `source`'s assignment on to `errorId`. */
async function follow(work: AssignmentWork, errorId: string, source: AssignableError, cause: 'retryDataKey' | 'traceKey'): Promise<void> {
  if (!source.assigneeUserId || !source.assignmentId || !source.assignedAt) return;
  const command: AssignmentCommand = {
    type: 'FollowAssignment',
    data: {
      errorId,
      assignmentId: randomUUID(),
      assigneeUserId: source.assigneeUserId,
      by: RULES,
      now: work.now,
      cause,
      source: { assignmentId: source.assignmentId, assignedAt: source.assignedAt },
    },
  };
  await work.decide([{ errorId, command }]);
}
