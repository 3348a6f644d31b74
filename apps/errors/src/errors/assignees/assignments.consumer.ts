import { ErrorAssignedV1, ErrorUnassignedV1, Topics } from '@faultline/contracts';
import { ConsumedBatch, newestPerAggregate } from '@faultline/eventing';
import { Controller, Injectable } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, EntityManager } from 'typeorm';

type AssignmentEvent = ErrorAssignedV1 | ErrorUnassignedV1 | { type: 'InvitationRequested' };

/**
 * The assignee of each error and why (a person or a rule), as the assignment app announces it, so one query of the Errors
 * list filters by assignee with everything else. Each error's assignment stream version
 * decides: a redelivered or late event never overwrites a newer one.
 */
@Injectable()
export class ErrorAssignees {
  async apply(manager: EntityManager, events: Array<ErrorAssignedV1 | ErrorUnassignedV1>): Promise<void> {
    const newest = newestPerAggregate(events, (event) => event.data.errorId);
    if (newest.length === 0) return;
    const changed: Array<{ error_id: string; assignee_id: string | null; cause: string | null }> = await manager.query(
      `INSERT INTO error_assignees (error_id, account_id, assignee_id, version, cause)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[])
       ON CONFLICT (error_id) DO UPDATE SET assignee_id = excluded.assignee_id, version = excluded.version, cause = excluded.cause
         WHERE error_assignees.version < excluded.version
       RETURNING error_id, assignee_id, cause`,
      [
        newest.map((event) => event.data.errorId),
        newest.map((event) => event.accountId),
        newest.map((event) => (event.type === 'ErrorAssigned' ? event.data.assigneeUserId : null)),
        newest.map((event) => event.aggregateVersion),
        newest.map((event) => (event.type === 'ErrorAssigned' ? event.data.cause : null)),
      ],
    );
    if (changed.length === 0) return;
    await manager.query(
      `UPDATE errors_list l SET assignee_id = u.assignee_id, assignment_cause = u.cause
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(error_id, assignee_id, cause) WHERE l.error_id = u.error_id`,
      [changed.map((row) => row.error_id), changed.map((row) => row.assignee_id), changed.map((row) => row.cause)],
    );
  }

  /** Purged errors' assignees go with them. */
  async forget(manager: EntityManager, errorIds: string[]): Promise<void> {
    await manager.query('DELETE FROM error_assignees WHERE error_id = ANY($1::uuid[])', [errorIds]);
  }

  /** After a rebuild of the list: the assignees it had, from the consumer's own table. */
  async restore(manager: EntityManager): Promise<void> {
    await manager.query('UPDATE errors_list l SET assignee_id = a.assignee_id, assignment_cause = a.cause FROM error_assignees a WHERE a.error_id = l.error_id');
  }
}

@Controller()
export class AssignmentsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignees: ErrorAssignees,
  ) {}

  @EventPattern(Topics.assignmentEvents)
  async onAssignmentEvents(@Payload() batch: ConsumedBatch<AssignmentEvent>): Promise<void> {
    const assignments = batch.events
      .map((consumed) => consumed.event)
      .filter((event): event is ErrorAssignedV1 | ErrorUnassignedV1 => event.type === 'ErrorAssigned' || event.type === 'ErrorUnassigned');
    if (assignments.length === 0) return;
    await this.dataSource.transaction((manager) => this.assignees.apply(manager, assignments));
  }
}
