import { IdentityEventV1, InvitationRevokedV1, Topics, UserDeactivatedV1 } from '@faultline/contracts';
import { ConsumedBatch, Inbox } from '@faultline/eventing';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { AssignmentCommand } from '../assignment.decider';
import { AssignmentWriter } from '../assignment-writer';
import { AssignableErrorsQueries } from '../assignable-errors/assignable-errors';

export const GONE_ASSIGNEES_CONSUMER = 'assignment.gone-assignees';

type Departure = InvitationRevokedV1 | UserDeactivatedV1;

/**
 * Errors of someone who will not work them become unassigned, with an ErrorUnassigned whose
 * reason says why, so they show up as unassigned again: every error of an invitee whose
 * invitation was revoked (they never could), the open errors of a deactivated user (resolved
 * ones keep who resolved them).
 */
@Controller()
export class GoneAssigneesConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly writer: AssignmentWriter,
  ) {}

  @EventPattern(Topics.identityEvents)
  async onIdentityEvents(@Payload() batch: ConsumedBatch<IdentityEventV1>): Promise<void> {
    const departures = batch.events
      .map(({ event }) => event)
      .filter((event): event is Departure => event.type === 'InvitationRevoked' || event.type === 'UserDeactivated');
    for (const departure of departures) await this.unassign(departure);
  }

  private async unassign(departure: Departure): Promise<void> {
    const revoked = departure.type === 'InvitationRevoked';
    const by = { type: 'user' as const, id: revoked ? departure.data.revokedBy : departure.data.deactivatedBy };
    const reason = revoked ? ('invitation_revoked' as const) : ('user_deactivated' as const);
    const cause = { accountId: departure.accountId, actor: by, correlationId: departure.correlationId, causationId: departure.eventId };
    await this.writer.run(cause, async (work) => {
      if ((await this.inbox.claim(work.manager, GONE_ASSIGNEES_CONSUMER, [departure.eventId])).size === 0) return;
      const assigned = await AssignableErrorsQueries.assignedTo(work.manager, departure.accountId, [departure.data.userId]);
      const errors = revoked ? assigned : assigned.filter((error) => error.status === 'open');
      await work.decide(
        errors.map((error) => {
          const command: AssignmentCommand = { type: 'ClearAssignment', data: { errorId: error.errorId, by, now: work.now, reason } };
          return { errorId: error.errorId, command };
        }),
      );
    });
  }
}
