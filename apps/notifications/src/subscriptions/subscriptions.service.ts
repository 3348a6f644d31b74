import { accessUser, AccessUser, requireAccountView } from '@faultline/access';
import { requireAdministrator } from '@faultline/access-policy';
import type { Subscription, Subscriptions as SubscriptionList, UserDeactivatedV1 } from '@faultline/contracts';
import { EventWriter, Inbox, OutboxWriter, PostgresEventStore, StoredEvent } from '@faultline/eventing';
import { CLOCK, Clock, NotFoundError, RelayService } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import * as subscriptions from './subscription.decider';
import type { FlowRef, SubscriptionEvent } from './subscription.events';
import { projectSubscriptions, publishedSubscription } from './subscriptions.projection';

const DEACTIVATED_SUBSCRIBERS = 'notifications.deactivated-subscribers';

/** Subscribing to flows' error notifications, for oneself or (owners and admins) for others. */
@Injectable()
export class SubscriptionsService {
  private readonly writer: EventWriter<SubscriptionEvent>;

  constructor(
    private readonly dataSource: DataSource,
    eventStore: PostgresEventStore,
    outbox: OutboxWriter,
    private readonly inbox: Inbox,
    relay: RelayService,
    @Inject(CLOCK) clock: Clock,
  ) {
    const sink = { project: projectSubscriptions, publish: (stored: StoredEvent<SubscriptionEvent>) => [publishedSubscription(stored)] };
    this.writer = new EventWriter({ dataSource, eventStore, publication: outbox, clock, sink, afterCommit: () => relay.nudge() });
  }

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
    const { result: subscriberId } = await this.writer.write(cause, async ({ session, manager, metadata }) => {
      const subscriber = await this.subscriberOf(manager, actor, userId);
      const account = await requireAccountView(manager, actor.accountId);
      const streamId = subscriptions.subscriptionStreamId(subscriber.userId);
      await session.load(manager, subscriptions, [streamId]);
      session.decide(streamId, { type, data: { ...flow, account, actor, subscriber } }, metadata);
      return subscriber.userId;
    });
    return this.list(actor, subscriberId);
  }

  /** A deactivated user's subscriptions all go, once however often the deactivation is delivered. */
  async dropAll(deactivated: UserDeactivatedV1): Promise<void> {
    const by = { type: 'user' as const, id: deactivated.data.deactivatedBy };
    const cause = { accountId: deactivated.accountId, actor: by, correlationId: deactivated.correlationId, causationId: deactivated.eventId };
    await this.writer.write(cause, async ({ session, manager, metadata }) => {
      if ((await this.inbox.claim(manager, DEACTIVATED_SUBSCRIBERS, [deactivated.eventId])).size === 0) return;
      const streamId = subscriptions.subscriptionStreamId(deactivated.data.userId);
      await session.load(manager, subscriptions, [streamId]);
      session.decide(streamId, { type: 'DropAll', data: { userId: deactivated.data.userId, by } }, metadata);
    });
  }

  /** `me` is the caller; anyone else must be a user of the caller's account. */
  private async subscriberOf(manager: EntityManager, actor: AccessUser, userId: string): Promise<AccessUser> {
    if (userId === 'me' || userId === actor.userId) return actor;
    const subscriber = await accessUser(manager, userId);
    if (!subscriber || subscriber.accountId !== actor.accountId || subscriber.status === 'revoked') throw new NotFoundError(`user ${userId}`);
    return subscriber;
  }
}
