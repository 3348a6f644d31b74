import { AccountView, isAdministrator, PermissionRefused, refuseUnlessActive, refuseViewIntegration, UserView, Refusal } from '@faultline/access-policy';
import type { Actor, FlowRef, SubscriptionEvent } from './subscription.events';

/**
 * One user's error-notification subscriptions (seed 000: "only when you or your account
 * owner/admin configure them for specific flows"). One stream per user.
 */
export interface Subscriptions {
  flows: ReadonlyMap<string, FlowRef>;
}

/** Who asks, for whom, in which account: the rules need all three. */
export interface SubscriptionRequest extends FlowRef {
  account: AccountView;
  actor: UserView;
  subscriber: UserView;
}

export type SubscriptionCommand =
  | { type: 'Subscribe'; data: SubscriptionRequest }
  | { type: 'Unsubscribe'; data: SubscriptionRequest }
  /** The user was deactivated: every subscription goes, by the one who deactivated them. */
  | { type: 'DropAll'; data: { userId: string; by: Actor } };

/** An admin subscribed someone who cannot monitor the flow's integration: a 422 naming both. */
export class SubscriberCannotMonitor extends Refusal {
  readonly code = 'SUBSCRIBER_CANNOT_MONITOR';
}

export const subscriptionStreamId = (userId: string): string => `subscriptions-${userId}`;
const key = ({ integrationId, flowId }: FlowRef): string => `${integrationId}/${flowId}`;

export const initialState = (): Subscriptions => ({ flows: new Map() });

/** Users manage their own subscriptions; owners and admins anyone's in their account. */
function refuseActor({ account, actor, subscriber }: SubscriptionRequest): PermissionRefused | undefined {
  return (
    refuseUnlessActive(account, actor) ??
    (actor.userId === subscriber.userId || isAdministrator(actor.role)
      ? undefined
      : new PermissionRefused('ADMINISTRATORS_ONLY', "only owners and admins manage other users' subscriptions"))
  );
}

/** Only flows of integrations the subscriber can monitor. */
function refuseSubscriber(request: SubscriptionRequest): Error | undefined {
  const refusal = refuseViewIntegration(request.account, request.subscriber, request.integrationId);
  if (!refusal) return undefined;
  return request.actor.userId === request.subscriber.userId ? refusal : new SubscriberCannotMonitor(refusal.message);
}

export function decide(command: SubscriptionCommand, state: Subscriptions): SubscriptionEvent[] {
  if (command.type === 'DropAll') {
    const { userId, by } = command.data;
    return [...state.flows.values()].map((flow) => ({ type: 'FlowUnsubscribed', data: { ...flow, userId, unsubscribedBy: by } }));
  }
  const request = command.data;
  const by: Actor = { type: 'user', id: request.actor.userId };
  const flow = { userId: request.subscriber.userId, integrationId: request.integrationId, flowId: request.flowId };
  const refusal = refuseActor(request) ?? (command.type === 'Subscribe' ? refuseSubscriber(request) : undefined);
  if (refusal) throw refusal;
  const subscribed = state.flows.has(key(request));
  if (command.type === 'Subscribe') return subscribed ? [] : [{ type: 'FlowSubscribed', data: { ...flow, subscribedBy: by } }];
  return subscribed ? [{ type: 'FlowUnsubscribed', data: { ...flow, unsubscribedBy: by } }] : [];
}

export function evolve(state: Subscriptions, event: SubscriptionEvent): Subscriptions {
  const flows = new Map(state.flows);
  const { integrationId, flowId } = event.data;
  if (event.type === 'FlowSubscribed') flows.set(key(event.data), { integrationId, flowId });
  else flows.delete(key(event.data));
  return { flows };
}
