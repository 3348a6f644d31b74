import { IdentityEventV1, InvitationRequestAnswerV1, Topics } from '@faultline/contracts';
import { ConsumedBatch, Inbox } from '@faultline/eventing';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { applyIdentityEvent } from './access.read-model';

export const ACCESS_CONSUMER = 'access.identity-events';

/** Keeps this service's access model in step with identity, one partition batch per transaction. */
@Controller()
export class IdentityEventsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
  ) {}

  @EventPattern(Topics.identityEvents)
  async onIdentityEvents(@Payload() batch: ConsumedBatch<IdentityEventV1 | InvitationRequestAnswerV1>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const fresh = await this.inbox.claim(manager, ACCESS_CONSUMER, batch.events.map(({ event }) => event.eventId));
      for (const { event } of batch.events) {
        // Answers to the assignment app's requests change no account or user.
        if (fresh.delete(event.eventId) && !isRequestAnswer(event)) await applyIdentityEvent(manager, event);
      }
    });
  }
}

const isRequestAnswer = (event: IdentityEventV1 | InvitationRequestAnswerV1): event is InvitationRequestAnswerV1 =>
  event.type === 'InvitationRequestCompleted' || event.type === 'InvitationRequestRefused';
