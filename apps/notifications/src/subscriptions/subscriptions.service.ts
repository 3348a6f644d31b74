import { accessUser, AccessUser, requireAccountView } from '@faultline/access';
import { requireAdministrator } from '@faultline/access-policy';
import type { Subscription, Subscriptions as SubscriptionList, UserDeactivatedV1 } from '@faultline/contracts';
import { EventSink, Inbox, inUnitOfWork, metadataFor, OutboxWriter, PostgresEventStore } from '@faultline/eventing';
import { CLOCK, Clock, NotFoundError, OutboxRelayService } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import * as subscriptions from './subscription.decider';
import type { FlowRef, SubscriptionEvent } from './subscription.events';
import { projectSubscriptions, publishedSubscription } from './subscriptions.projection';

const DEACTIVATED_SUBSCRIBERS = 'notifications.deactivated-subscribers';

/** Subscribing to flows' error notifications, for oneself or (owners and admins) for others. */
@Injectable()
export class SubscriptionsService {
  private readonly sink: EventSink<SubscriptionEvent> = { project: projectSubscriptions, publish: (stored) => [publishedSubscription(stored)] };

  constructor(
    private readonly dataSource: DataSource,
    private readonly eventStore: PostgresEventStore,
    private readonly outbox: OutboxWriter,
    private readonly inbox: Inbox,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: AccessUser, userId: string): Promise<SubscriptionList> {
    const { userId: subscriberId } = await this.subscriberOf(this.dataSource.manager, actor, userId);
    if (subscriberId !== actor.userId) requireAdministrator(actor, "see other users' subscriptions");
    const rows: Subscription[] = await this.dataSource.query(
      `SELECT integration_id AS "integrationId", flow_id AS "flowId", to_char(subscribed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "subscribedAt",
              subscribed_by AS "subscribedBy"
         FROM flow_subscriptions WHERE user_id = $1 ORDER BY integration_id, flow_id`,
      [subscriberId],
    );
    return { userId: subscriberId, subscriptions: rows };
  }

  async subscribe(actor: AccessUser, userId: string, flow: FlowRef): Promise<SubscriptionList> {
    return this.change('Subscribe', actor, userId, flow);
  }

  async unsubscribe(actor: AccessUser, userId: string, flow: FlowRef): Promise<void> {
    await this.change('Unsubscribe', actor, userId, flow);
  }

  private async change(type: subscriptions.SubscriptionCommand['type'], actor: AccessUser, userId: string, flow: FlowRef): Promise<SubscriptionList> {
    const cause = { accountId: actor.accountId, actor: { type: 'user' as const, id: actor.userId } };
    const parts = { dataSource: this.dataSource, eventStore: this.eventStore, outbox: this.outbox, sink: this.sink };
    const { result: subscriberId, stored } = await inUnitOfWork(parts, async (session, manager) => {
      const subscriber = await this.subscriberOf(manager, actor, userId);
      const account = await requireAccountView(manager, actor.accountId);
      const streamId = subscriptions.subscriptionStreamId(subscriber.userId);
      await session.load(manager, subscriptions, [streamId]);
      session.decide(streamId, { type, data: { ...flow, account, actor, subscriber } }, metadataFor(cause, this.clock.now()));
      return subscriber.userId;
    });
    if (stored.length > 0) this.relay.nudge();
    return this.list(actor, subscriberId);
  }

  /** A deactivated user's subscriptions all go, once however often the deactivation is delivered. */
  async dropAll(deactivated: UserDeactivatedV1): Promise<void> {
    const by = { type: 'user' as const, id: deactivated.data.deactivatedBy };
    const cause = { accountId: deactivated.accountId, actor: by, correlationId: deactivated.correlationId, causationId: deactivated.eventId };
    const parts = { dataSource: this.dataSource, eventStore: this.eventStore, outbox: this.outbox, sink: this.sink };
    const { stored } = await inUnitOfWork(parts, async (session, manager) => {
      if ((await this.inbox.claim(manager, DEACTIVATED_SUBSCRIBERS, [deactivated.eventId])).size === 0) return;
      const streamId = subscriptions.subscriptionStreamId(deactivated.data.userId);
      await session.load(manager, subscriptions, [streamId]);
      session.decide(streamId, { type: 'DropAll', data: { userId: deactivated.data.userId, by } }, metadataFor(cause, this.clock.now()));
    });
    if (stored.length > 0) this.relay.nudge();
  }

  /** `me` is the caller; anyone else must be a user of the caller's account. */
  private async subscriberOf(manager: EntityManager, actor: AccessUser, userId: string): Promise<AccessUser> {
    if (userId === 'me' || userId === actor.userId) return actor;
    const subscriber = await accessUser(manager, userId);
    if (!subscriber || subscriber.accountId !== actor.accountId || subscriber.status === 'revoked') throw new NotFoundError(`user ${userId}`);
    return subscriber;
  }
}
