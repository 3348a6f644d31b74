import { FlowSubscribedV1, FlowUnsubscribedV1, Topics } from '@faultline/contracts';
import { OutboxMessage, publishedEnvelope, StoredEvent } from '@faultline/eventing';
import type { EntityManager } from 'typeorm';
import type { SubscriptionEvent } from './subscription.events';

/** The subscriptions by flow that summaries fan out to, kept with the events in one transaction. */
export async function projectSubscriptions(manager: EntityManager, stored: StoredEvent<SubscriptionEvent>[]): Promise<void> {
  for (const { event, metadata } of stored) {
    const { userId, integrationId, flowId } = event.data;
    if (event.type === 'FlowSubscribed') {
      await manager.query(
        `INSERT INTO flow_subscriptions (user_id, account_id, integration_id, flow_id, subscribed_at, subscribed_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [userId, metadata.accountId, integrationId, flowId, metadata.occurredAt, JSON.stringify(event.data.subscribedBy)],
      );
    } else {
      await manager.query('DELETE FROM flow_subscriptions WHERE user_id = $1 AND integration_id = $2 AND flow_id = $3', [userId, integrationId, flowId]);
    }
  }
}

/** FlowSubscribed / FlowUnsubscribed on notifications.events.v1, keyed by the user. */
export function publishedSubscription(stored: StoredEvent<SubscriptionEvent>): OutboxMessage {
  const envelope = { aggregateId: stored.streamId, version: 1 as const };
  const value: FlowSubscribedV1 | FlowUnsubscribedV1 =
    stored.event.type === 'FlowSubscribed'
      ? { ...publishedEnvelope(stored, { ...envelope, type: 'FlowSubscribed' }), data: stored.event.data }
      : { ...publishedEnvelope(stored, { ...envelope, type: 'FlowUnsubscribed' }), data: stored.event.data };
  return { topic: Topics.notificationsEvents, key: stored.event.data.userId, value };
}
