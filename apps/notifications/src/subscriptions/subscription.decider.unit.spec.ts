import { AccountView, PermissionRefused, UserView } from '@faultline/access-policy';
import { deciderSpec } from '@faultline/testing';
import { decide, evolve, initialState, SubscriberCannotMonitor, SubscriptionRequest } from './subscription.decider';
import type { SubscriptionEvent } from './subscription.events';

const spec = deciderSpec({ decide, evolve, initialState });
const account: AccountView = { accountId: 'acc-1', plan: 'standard', invitationsEnabled: false };
const user = (userId: string, role: UserView['role'], access: UserView['access'] = {}, status: UserView['status'] = 'active'): UserView => ({
  userId,
  accountId: 'acc-1',
  role,
  status,
  access,
});
const admin = user('usr-admin', 'admin');
const bob = user('usr-bob', 'member', { 'int-1': 'monitor' });
const carol = user('usr-carol', 'member', { 'int-2': 'manage' });
const request = (actor: UserView, subscriber: UserView, integrationId = 'int-1'): SubscriptionRequest => ({ account, actor, subscriber, integrationId, flowId: 'flow-1' });
const subscribed = (userId: string, by: string, integrationId = 'int-1'): SubscriptionEvent => ({
  type: 'FlowSubscribed',
  data: { userId, integrationId, flowId: 'flow-1', subscribedBy: { type: 'user', id: by } },
});

describe("a user's error-notification subscriptions", () => {
  it('a user with monitor access subscribes to a flow of that integration', () => {
    spec.given([]).when({ type: 'Subscribe', data: request(bob, bob) }).then([subscribed('usr-bob', 'usr-bob')]);
  });

  it('a deactivated user loses every subscription, once, each as FlowUnsubscribed by whoever deactivated them', () => {
    const other: SubscriptionEvent = { type: 'FlowSubscribed', data: { userId: 'usr-bob', integrationId: 'int-1', flowId: 'flow-2', subscribedBy: { type: 'user', id: 'usr-bob' } } };
    const by = { type: 'user' as const, id: 'usr-admin' };
    const drop = { type: 'DropAll', data: { userId: 'usr-bob', by } } as const;
    spec
      .given([subscribed('usr-bob', 'usr-bob'), other])
      .when(drop)
      .then([
        { type: 'FlowUnsubscribed', data: { userId: 'usr-bob', integrationId: 'int-1', flowId: 'flow-1', unsubscribedBy: by } },
        { type: 'FlowUnsubscribed', data: { userId: 'usr-bob', integrationId: 'int-1', flowId: 'flow-2', unsubscribedBy: by } },
      ]);
    spec.given([]).when(drop).then([]);
  });

  it('subscribing again changes nothing', () => {
    spec.given([subscribed('usr-bob', 'usr-bob')]).when({ type: 'Subscribe', data: request(bob, bob) }).then([]);
  });

  it('a flow of an integration the user cannot monitor is refused (403 for oneself)', () => {
    spec.given([]).when({ type: 'Subscribe', data: request(bob, bob, 'int-2') }).thenRefuses(PermissionRefused);
  });

  it('an admin subscribes another user; one who cannot monitor the integration is refused (422)', () => {
    spec.given([]).when({ type: 'Subscribe', data: request(admin, bob) }).then([subscribed('usr-bob', 'usr-admin')]);
    spec.given([]).when({ type: 'Subscribe', data: request(admin, carol) }).thenRefuses(SubscriberCannotMonitor);
  });

  it('a member cannot subscribe or unsubscribe someone else', () => {
    spec.given([]).when({ type: 'Subscribe', data: request(carol, bob) }).thenRefuses(PermissionRefused);
    spec.given([subscribed('usr-bob', 'usr-bob')]).when({ type: 'Unsubscribe', data: request(carol, bob) }).thenRefuses(PermissionRefused);
  });

  it('an invited user who has not accepted cannot subscribe', () => {
    const pending = user('usr-new', 'member', { 'int-1': 'monitor' }, 'invited');
    spec.given([]).when({ type: 'Subscribe', data: request(pending, pending) }).thenRefuses(PermissionRefused);
  });

  it('unsubscribing ends a subscription, even after access was lost; unsubscribing twice changes nothing', () => {
    const bobWithoutAccess = user('usr-bob', 'member');
    spec
      .given([subscribed('usr-bob', 'usr-bob')])
      .when({ type: 'Unsubscribe', data: request(bobWithoutAccess, bobWithoutAccess) })
      .then([{ type: 'FlowUnsubscribed', data: { userId: 'usr-bob', integrationId: 'int-1', flowId: 'flow-1', unsubscribedBy: { type: 'user', id: 'usr-bob' } } }]);
    spec
      .given([subscribed('usr-bob', 'usr-bob'), { type: 'FlowUnsubscribed', data: { userId: 'usr-bob', integrationId: 'int-1', flowId: 'flow-1', unsubscribedBy: { type: 'user', id: 'usr-bob' } } }])
      .when({ type: 'Unsubscribe', data: request(bob, bob) })
      .then([]);
  });
});
