import { IdentityEventV1, Topics, UserDeactivatedV1 } from '@faultline/contracts';
import type { ConsumedBatch } from '@faultline/eventing';
import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { SubscriptionsService } from './subscriptions.service';

/** A deactivated user is told nothing more: their flow subscriptions are dropped (FlowUnsubscribed each). */
@Controller()
export class DeactivatedUsersConsumer {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @EventPattern(Topics.identityEvents)
  async onIdentityEvents(@Payload() batch: ConsumedBatch<IdentityEventV1>): Promise<void> {
    const deactivations = batch.events.map(({ event }) => event).filter((event): event is UserDeactivatedV1 => event.type === 'UserDeactivated');
    for (const deactivated of deactivations) await this.subscriptions.dropAll(deactivated);
  }
}
