import { IdentityEventV1, InvitationRequestRefusedV1, Topics } from '@faultline/contracts';
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
  async onIdentityEvents(@Payload() batch: ConsumedBatch<IdentityEventV1 | InvitationRequestRefusedV1>): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const fresh = await this.inbox.claim(manager, ACCESS_CONSUMER, batch.events.map(({ event }) => event.eventId));
      for (const { event } of batch.events) {
        // A refused request changes no account or user; it is an answer to the assignment app.
        if (fresh.delete(event.eventId) && event.type !== 'InvitationRequestRefused') await applyIdentityEvent(manager, event);
      }
    });
  }
}
