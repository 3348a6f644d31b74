import { InvitationRequestAnswerV1, Topics } from '@faultline/contracts';
import { ConsumedBatch, Inbox } from '@faultline/eventing';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AssignmentWork, AssignmentWriter } from '../assignment-writer';
import { AssignableErrorsQueries } from '../assignable-errors/assignable-errors';
import * as emailAssignment from './email-assignment.decider';
import { EmailAssignmentState, emailAssignmentStreamId } from './email-assignment.decider';

export const INVITATION_ANSWERS_CONSUMER = 'assignment.invitation-answers';

type IdentityEvent = InvitationRequestAnswerV1 | { type: 'other'; eventId: string };

/**
 * Identity's answers to "assign to new user": completed assigns the waiting errors to the
 * invitee it names, still pending; a refusal ends the request.
 */
@Controller()
export class InvitationAnswersConsumer {
  constructor(
    private readonly inbox: Inbox,
    private readonly writer: AssignmentWriter,
  ) {}

  @EventPattern(Topics.identityEvents)
  async onIdentityEvents(@Payload() batch: ConsumedBatch<IdentityEvent>): Promise<void> {
    for (const { event } of batch.events) {
      if (event.type !== 'InvitationRequestCompleted' && event.type !== 'InvitationRequestRefused') continue;
      await this.writer.run({ accountId: event.accountId, actor: event.actor, correlationId: event.correlationId, causationId: event.eventId }, async (work) => {
        const fresh = await this.inbox.claim(work.manager, INVITATION_ANSWERS_CONSUMER, [event.eventId]);
        if (fresh.size === 0) return;
        const requestId = await requestOf(work, event);
        if (requestId) await answer(work, requestId, event);
      });
    }
  }
}

/** Only a request of the answer's own account is answered. */
async function requestOf(work: AssignmentWork, event: InvitationRequestAnswerV1): Promise<string | undefined> {
  const [row] = await work.manager.query('SELECT request_id FROM email_assignment_requests WHERE request_id = $1 AND account_id = $2', [
    event.data.requestId,
    event.accountId,
  ]);
  return (row as { request_id: string } | undefined)?.request_id;
}

async function answer(work: AssignmentWork, requestId: string, event: InvitationRequestAnswerV1): Promise<void> {
  const streamId = emailAssignmentStreamId(requestId);
  if (event.type === 'InvitationRequestRefused') {
    await work.decideOn(streamId, emailAssignment, { type: 'RecordRefusal', data: { code: event.data.code, reason: event.data.reason } });
    return;
  }
  const userId = event.data.userId;
  const decided = await work.decideOn(streamId, emailAssignment, { type: 'RecordInvitation', data: { userId } });
  const state = work.session.state<EmailAssignmentState>(streamId);
  if (decided.length === 0 || state.status === 'none') return;
  const errors = await AssignableErrorsQueries.byIds(work.manager, event.accountId, state.errorIds);
  await work.assign(event.accountId, errors, userId, state.requestedBy);
}
