import { PermissionRefused, Refusal } from '@faultline/access-policy';
import { InvitationRequestAnswerV1, InvitationRequestedV1, Topics } from '@faultline/contracts';
import { answeringEnvelope, ConsumedBatch, Inbox, OutboxWriter } from '@faultline/eventing';
import { CLOCK, Clock } from '@faultline/platform';
import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EntityManager } from 'typeorm';
import { DirectoryQueries } from '../directory/directory.queries';
import { IdentityCommands } from '../identity.commands';

export const INVITATION_REQUESTS_CONSUMER = 'identity.invitation-requests';

/**
 * "Assign to new user": invites the email the assignment app names, on behalf of the user who
 * is assigning and under their permissions, with monitor access to the errors' integrations (a
 * pending invitee gets that access added). Answered with InvitationRequestCompleted, naming the
 * invitee, or InvitationRequestRefused; a redelivered request changes nothing.
 */
@Controller()
export class InvitationRequestsConsumer {
  constructor(
    private readonly commands: IdentityCommands,
    private readonly directory: DirectoryQueries,
    private readonly inbox: Inbox,
    private readonly outbox: OutboxWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @EventPattern(Topics.assignmentEvents)
  async onAssignmentEvents(@Payload() batch: ConsumedBatch<InvitationRequestedV1>): Promise<void> {
    const requests = batch.events.map(({ event }) => event).filter((event) => event.type === 'InvitationRequested');
    if (requests.length === 0) return;
    await this.commands.transaction(async (manager) => {
      const fresh = await this.inbox.claim(manager, INVITATION_REQUESTS_CONSUMER, requests.map((request) => request.eventId));
      for (const request of requests) {
        if (fresh.delete(request.eventId)) await this.handle(manager, request);
      }
    });
  }

  private async handle(manager: EntityManager, request: InvitationRequestedV1): Promise<void> {
    const requester = await this.directory.user(request.data.requestedBy, manager);
    if (!requester || requester.accountId !== request.accountId || requester.status !== 'active') {
      return this.refuse(manager, request, new PermissionRefused('USER_NOT_ACTIVE', 'the requesting user is not an active user of the account'));
    }
    const access = Object.fromEntries(request.data.integrationIds.map((integrationId) => [integrationId, 'monitor' as const]));
    const cause = { correlationId: request.correlationId, causationId: request.eventId };
    const invitation = { email: request.data.email, role: 'member' as const, access, fromAssignment: true, assignedErrorIds: request.data.errorIds };
    try {
      const invitee = await this.commands.inviteWithin(manager, requester, invitation, cause);
      await this.answer(manager, request, { type: 'InvitationRequestCompleted', userId: invitee.userId });
    } catch (error) {
      // A rule's refusal is an answer; anything else (a concurrent write, a constraint a racing
      // request hit first, a failure) fails the batch, which is tried again.
      if (!(error instanceof Refusal)) throw error;
      await this.refuse(manager, request, error);
    }
  }

  private refuse(manager: EntityManager, request: InvitationRequestedV1, refusal: Refusal): Promise<void> {
    return this.answer(manager, request, { type: 'InvitationRequestRefused', code: refusal.code, reason: refusal.message });
  }

  private async answer(
    manager: EntityManager,
    request: InvitationRequestedV1,
    answer: { type: 'InvitationRequestCompleted'; userId: string } | { type: 'InvitationRequestRefused'; code: string; reason: string },
  ): Promise<void> {
    const { type, ...outcome } = answer;
    const { requestId, email, requestedBy } = request.data;
    const value = {
      ...answeringEnvelope(request, { type, version: 1, actor: { type: 'system', id: 'identity' }, at: this.clock.now() }),
      data: { requestId, email, requestedBy, ...outcome },
    } as InvitationRequestAnswerV1;
    await this.outbox.enqueue(manager, [{ topic: Topics.identityEvents, key: request.accountId, value }]);
  }
}
