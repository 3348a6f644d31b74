/** Who changed a subscription: the user, or an owner or admin for them. */
export interface Actor {
  type: 'user' | 'system';
  id: string;
}

export interface FlowRef {
  integrationId: string;
  flowId: string;
}

export type FlowSubscribed = { type: 'FlowSubscribed'; data: FlowRef & { userId: string; subscribedBy: Actor } };
export type FlowUnsubscribed = { type: 'FlowUnsubscribed'; data: FlowRef & { userId: string; unsubscribedBy: Actor } };

export type SubscriptionEvent = FlowSubscribed | FlowUnsubscribed;
