import { IdentityEventV1, InvitationRevokedV1, Topics } from '@faultline/contracts';
import { ConsumedBatch, Inbox } from '@faultline/eventing';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { AssignmentCommand } from '../assignment.decider';
import { AssignmentWriter } from '../assignment-writer';
import { AssignableErrorsQueries } from '../assignable-errors/assignable-errors';

export const REVOKED_INVITATIONS_CONSUMER = 'assignment.revoked-invitations';

/**
 * An invitee can be given errors before accepting (seed 000's manual invitation). When their
 * invitation is revoked, nobody will ever work those errors: they become unassigned, with an
 * ErrorUnassigned whose reason says why, so the errors show up as unassigned again.
 */
@Controller()
export class RevokedInvitationsConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly writer: AssignmentWriter,
  ) {}

  @EventPattern(Topics.identityEvents)
  async onIdentityEvents(@Payload() batch: ConsumedBatch<IdentityEventV1>): Promise<void> {
    const revocations = batch.events.map(({ event }) => event).filter((event): event is InvitationRevokedV1 => event.type === 'InvitationRevoked');
    for (const revoked of revocations) {
      const by = { type: 'user' as const, id: revoked.data.revokedBy };
      await this.writer.run({ accountId: revoked.accountId, actor: by, correlationId: revoked.correlationId, causationId: revoked.eventId }, async (work) => {
        if ((await this.inbox.claim(work.manager, REVOKED_INVITATIONS_CONSUMER, [revoked.eventId])).size === 0) return;
        const errors = await AssignableErrorsQueries.assignedTo(work.manager, revoked.accountId, [revoked.data.userId]);
        await work.decide(
          errors.map((error) => {
            const command: AssignmentCommand = { type: 'ClearAssignment', data: { errorId: error.errorId, by, now: work.now, reason: 'invitation_revoked' } };
            return { errorId: error.errorId, command };
          }),
        );
      });
    }
  }
}
