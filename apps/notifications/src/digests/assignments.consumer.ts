import { ErrorAssignedV1, ErrorUnassignedV1, Topics } from '@faultline/contracts';
import { ConsumedBatch, Inbox, newestPerAggregate } from '@faultline/eventing';
import { CLOCK, Clock } from '@faultline/platform';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, EntityManager } from 'typeorm';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { openWindows } from '../windows/digest-windows';
import { assignerOf, notifies } from './digest.rules';

type AssignmentEvent = ErrorAssignedV1 | ErrorUnassignedV1 | { type: string; eventId: string };

/**
 * The debounce projection over assignment.events.v1: every error's current assignee, and for
 * every assignment that notifies, the assignee's open window (opened by the first) and its entry.
 * A batch is a few statements, however many assignments it holds.
 */
@Controller()
export class AssignmentsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  @EventPattern(Topics.assignmentEvents)
  async onAssignments(@Payload() batch: ConsumedBatch<AssignmentEvent>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const assignments = (await this.inbox.fresh(manager, 'notifications.assignments', batch.events.map(({ event }) => event))).filter(
        (event): event is ErrorAssignedV1 | ErrorUnassignedV1 => event.type === 'ErrorAssigned' || event.type === 'ErrorUnassigned',
      );
      await this.recordAssignees(manager, assignments);
      await this.addToDigests(manager, assignments.filter((event): event is ErrorAssignedV1 => event.type === 'ErrorAssigned' && notifies(event.data)));
    });
  }

  /** Each error's newest assignee; a redelivered or late event never overwrites a newer one. */
  private async recordAssignees(manager: EntityManager, events: Array<ErrorAssignedV1 | ErrorUnassignedV1>): Promise<void> {
    const rows = newestPerAggregate(events, (event) => event.data.errorId);
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO current_assignees (error_id, assignee_id, version)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[])
       ON CONFLICT (error_id) DO UPDATE SET assignee_id = excluded.assignee_id, version = excluded.version
         WHERE current_assignees.version < excluded.version`,
      [rows.map((event) => event.data.errorId), rows.map((event) => (event.type === 'ErrorAssigned' ? event.data.assigneeUserId : null)), rows.map((event) => event.aggregateVersion)],
    );
  }

  /** The first notifying assignment to a user opens their window; every one adds its error. */
  private async addToDigests(manager: EntityManager, assignments: ErrorAssignedV1[]): Promise<void> {
    if (assignments.length === 0) return;
    await openWindows(manager, 'assignment', new Map(assignments.map((event) => [event.data.assigneeUserId, event.accountId])), this.clock.now(), this.config.digest.windowMs);
    const entries = new Map(assignments.map((event) => [`${event.data.assigneeUserId}/${event.data.errorId}`, event]));
    const rows = [...entries.values()];
    await manager.query(
      `INSERT INTO digest_entries (user_id, error_id, assigned_at, assigned_by, correlation_id)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[])
       ON CONFLICT (user_id, error_id) DO UPDATE
         SET assigned_at = excluded.assigned_at, assigned_by = excluded.assigned_by, correlation_id = excluded.correlation_id`,
      [
        rows.map((event) => event.data.assigneeUserId),
        rows.map((event) => event.data.errorId),
        rows.map((event) => event.occurredAt),
        rows.map((event) => assignerOf(event.data)),
        rows.map((event) => event.correlationId),
      ],
    );
  }
}
