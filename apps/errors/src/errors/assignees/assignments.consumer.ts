import { ErrorAssignedV1, ErrorUnassignedV1, Topics } from '@faultline/contracts';
import type { ConsumedBatch } from '@faultline/eventing';
import { Controller, Injectable } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource, EntityManager } from 'typeorm';

type AssignmentEvent = ErrorAssignedV1 | ErrorUnassignedV1 | { type: 'InvitationRequested' };

/**
 * The assignee of each error, as the assignment app announces it, so one query of the Errors
 * list filters by assignee with everything else. Each error's assignment stream version
 * decides: a redelivered or late event never overwrites a newer one.
 */
@Injectable()
export class ErrorAssignees {
  async apply(manager: EntityManager, events: Array<ErrorAssignedV1 | ErrorUnassignedV1>): Promise<void> {
    for (const event of events) {
      const assignee = event.type === 'ErrorAssigned' ? event.data.assigneeUserId : null;
      const [row] = await manager.query(
        `INSERT INTO error_assignees (error_id, account_id, assignee_id, version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (error_id) DO UPDATE SET assignee_id = excluded.assignee_id, version = excluded.version
           WHERE error_assignees.version < excluded.version
         RETURNING error_id`,
        [event.data.errorId, event.accountId, assignee, event.aggregateVersion],
      );
      if (row) await manager.query('UPDATE errors_list SET assignee_id = $2 WHERE error_id = $1', [event.data.errorId, assignee]);
    }
  }

  /** After a rebuild of the list: the assignees it had, from the consumer's own table. */
  async restore(manager: EntityManager): Promise<void> {
    await manager.query('UPDATE errors_list l SET assignee_id = a.assignee_id FROM error_assignees a WHERE a.error_id = l.error_id');
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
