import type { StoreProjection } from '@faultline/eventing';
import type { SubscriptionEvent } from '../subscriptions/subscription.events';
import { projectSubscriptions } from '../subscriptions/subscriptions.projection';

/** What notifications projects from its own event store: who subscribed to which flows. */
export const notificationsReadModels = (): StoreProjection<SubscriptionEvent> => ({
  tables: ['flow_subscriptions'],
  reset: (manager) => manager.query('DELETE FROM flow_subscriptions'),
  apply: projectSubscriptions,
});
