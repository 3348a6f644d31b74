import type {
  ErrorPurgedV1,
  ErrorRecordedV1,
  ErrorReopenedV1,
  ErrorResolvedV1,
  ErrorTaggedV1,
  ErrorUntaggedV1,
} from '@faultline/contracts';
import { Topics } from '@faultline/contracts';
import { ConsumedBatch, groupBy, Inbox } from '@faultline/eventing';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import type { AssignmentCommand } from '../assignment.decider';
import type { Actor } from '../assignment.events';
import { AssignmentWork, AssignmentWriter } from '../assignment-writer';
import { AssignableError, AssignableErrorsQueries } from './assignable-errors';
import { RetryDataKeyed, sameRecordKey } from '../retry-data-key.rule';

export const ERRORS_CONSUMER = 'assignment.errors-events';
const RULES: Actor = { type: 'system', id: 'assignment-rules' };

type ErrorsEvent =
  | ErrorRecordedV1
  | ErrorResolvedV1
  | ErrorReopenedV1
  | ErrorPurgedV1
  | ErrorTaggedV1
  | ErrorUntaggedV1
  | { type: 'other'; eventId: string; accountId: string };

/**
 * Keeps the local copy of the errors in step with errors.events.v1 and applies the automatic
 * assignment rules to what arrives: a new error with the retry data key of an assigned open
 * error goes to that assignee; an error that supersedes an assigned one (trace key, auto-resolve
 * on) inherits its assignee — whichever of the two events comes first. New errors, the bulk of
 * the topic, are inserted and looked up a batch at a time.
 */
@Controller()
export class ErrorsEventsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly writer: AssignmentWriter,
  ) {}

  @EventPattern(Topics.errorsEvents)
  async onErrorsEvents(@Payload() batch: ConsumedBatch<ErrorsEvent>): Promise<void> {
    for (const [accountId, events] of groupBy(batch.events.map(({ event }) => event), (event) => event.accountId)) {
      await this.writer.run({ accountId, actor: RULES }, async (work) => {
        await apply(work, accountId, await this.inbox.fresh(work.manager, ERRORS_CONSUMER, events));
      });
    }
  }
}

async function apply(work: AssignmentWork, accountId: string, events: ErrorsEvent[]): Promise<void> {
  const recorded = events.filter((event): event is ErrorRecordedV1 => event.type === 'ErrorRecorded');
  const superseding = events.flatMap((event) => (event.type === 'ErrorResolved' && event.data.supersededBy ? [event.data.supersededBy] : []));
  await lockSuccessions(work, [...recorded.map((event) => event.data.errorId), ...superseding]);
  await insertRecorded(work, accountId, recorded);
  for (const event of events) await applyChange(work, event);
  await followRules(work, accountId, recorded);
}

/**
 * A new error and the resolution naming it arrive on different partitions, handled side by
 * side: whichever comes second must see the first, so both lock the new error (in one order,
 * so two batches never wait on each other).
 */
async function lockSuccessions(work: AssignmentWork, newerErrorIds: string[]): Promise<void> {
  if (newerErrorIds.length === 0) return;
  await work.manager.query(
    "SELECT pg_advisory_xact_lock(hashtext('succession:' || id)) FROM (SELECT DISTINCT unnest($1::text[]) AS id ORDER BY 1) ids",
    [newerErrorIds],
  );
}

async function insertRecorded(work: AssignmentWork, accountId: string, recorded: ErrorRecordedV1[]): Promise<void> {
  if (recorded.length === 0) return;
  const column = <T>(pick: (data: ErrorRecordedV1['data']) => T) => recorded.map((event) => pick(event.data));
  await work.manager.query(
    `INSERT INTO assignable_errors (error_id, account_id, integration_id, flow_id, flow_step_id, status, retry_data_key, trace_key,
                                    occurred_at, message, source, http_status, error_class, severity)
     SELECT error_id, $1, integration_id, flow_id, flow_step_id, 'open', retry_data_key, trace_key, occurred_at, message, source,
            http_status, error_class, severity
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::text[],
                   $11::int[], $12::text[], $13::text[])
         AS u(error_id, integration_id, flow_id, flow_step_id, retry_data_key, trace_key, occurred_at, message, source, http_status,
              error_class, severity)
     ON CONFLICT (error_id) DO NOTHING`,
    [
      accountId,
      column((data) => data.errorId),
      column((data) => data.integrationId),
      column((data) => data.flowId),
      column((data) => data.flowStepId),
      column((data) => data.retryDataKey ?? null),
      column((data) => data.traceKey ?? null),
      column((data) => data.occurredAt),
      column((data) => data.message),
      column((data) => data.source ?? null),
      column((data) => data.httpStatus ?? null),
      column((data) => data.errorClass),
      column((data) => data.severity),
    ],
  );
}

async function applyChange(work: AssignmentWork, event: ErrorsEvent): Promise<void> {
  const { manager } = work;
  switch (event.type) {
    case 'ErrorResolved': {
      const { data } = event;
      await manager.query("UPDATE assignable_errors SET status = 'resolved', superseded_by = $2 WHERE error_id = $1", [data.errorId, data.supersededBy ?? null]);
      if (data.reason !== 'superseded' || !data.supersededBy) return;
      const [older] = await AssignableErrorsQueries.byIds(manager, event.accountId, [data.errorId]);
      const [newer] = await AssignableErrorsQueries.byIds(manager, event.accountId, [data.supersededBy]);
      if (older?.assigneeUserId && newer) await work.decide(follow(work, newer.errorId, older, 'traceKey'));
      return;
    }
    case 'ErrorTagged':
      await manager.query('UPDATE assignable_errors SET tag_ids = array_append(array_remove(tag_ids, $2::uuid), $2::uuid) WHERE error_id = $1', [
        event.data.errorId,
        event.data.tagId,
      ]);
      return;
    case 'ErrorUntagged':
      await manager.query('UPDATE assignable_errors SET tag_ids = array_remove(tag_ids, $2::uuid) WHERE error_id = $1', [event.data.errorId, event.data.tagId]);
      return;
    case 'ErrorReopened':
      await manager.query("UPDATE assignable_errors SET status = 'open' WHERE error_id = $1", [event.data.errorId]);
      return;
    case 'ErrorPurged':
      await manager.query('DELETE FROM assignable_errors WHERE error_id = $1', [event.data.errorId]);
      return;
    default:
      return;
  }
}

/** New errors inherit from what they superseded, else from the newest assigned open error with their retry data key. */
async function followRules(work: AssignmentWork, accountId: string, recorded: ErrorRecordedV1[]): Promise<void> {
  if (recorded.length === 0) return;
  const newIds = new Set(recorded.map((event) => event.data.errorId));
  const superseded = await AssignableErrorsQueries.supersededBy(work.manager, [...newIds]);
  const keyedOf = ({ data }: ErrorRecordedV1): RetryDataKeyed => ({ ...data, retryDataKey: data.retryDataKey ?? null });
  const siblings = await AssignableErrorsQueries.openOfSameRecords(work.manager, accountId, recorded.map(keyedOf));
  const newestAssigned = new Map<string, AssignableError>();
  for (const sibling of siblings) {
    const key = sameRecordKey(sibling);
    if (newIds.has(sibling.errorId) || sibling.assigneeUserId === null || key === undefined) continue;
    if ((newestAssigned.get(key)?.assignedAt ?? '') < (sibling.assignedAt ?? '')) newestAssigned.set(key, sibling);
  }
  const commands = recorded.flatMap((event) => {
    const { data } = event;
    const older = superseded.get(data.errorId);
    if (older?.assigneeUserId) return follow(work, data.errorId, older, 'traceKey');
    const key = sameRecordKey(keyedOf(event));
    const source = key === undefined ? undefined : newestAssigned.get(key);
    return source ? follow(work, data.errorId, source, 'retryDataKey') : [];
  });
  await work.decide(commands);
}

/** A rule passes `source`'s assignment on to `errorId`. */
function follow(work: AssignmentWork, errorId: string, source: AssignableError, cause: 'retryDataKey' | 'traceKey'): Array<{ errorId: string; command: AssignmentCommand }> {
  if (!source.assigneeUserId || !source.assignmentId || !source.assignedAt) return [];
  const command: AssignmentCommand = {
    type: 'FollowAssignment',
    data: {
      errorId,
      assignmentId: randomUUID(),
      assigneeUserId: source.assigneeUserId,
      by: RULES,
      now: work.now,
      cause,
      source: { assignmentId: source.assignmentId, errorId: source.errorId, assignedAt: source.assignedAt },
    },
  };
  return [{ errorId, command }];
}
