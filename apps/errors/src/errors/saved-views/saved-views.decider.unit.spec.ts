import { deciderSpec } from '@faultline/testing';
import { decide, evolve, initialState, TooManyViews, ViewNameTaken, ViewNotFound } from './saved-views.decider';
import type { View } from './saved-views.events';

const spec = deciderSpec({ decide, evolve, initialState });
const by = { type: 'user' as const, id: 'usr-1' };
const view = (viewId: string, name: string, overrides: Partial<View> = {}): View => ({ viewId, name, filter: { status: 'open' }, columns: ['message'], shared: false, ...overrides });
const saved = (v: View) => ({ type: 'ViewSaved' as const, data: { ...v, ownerUserId: 'usr-1', savedBy: by } });
const save = (v: View) => ({ type: 'SaveView' as const, data: { view: v, ownerUserId: 'usr-1', by } });

describe("a user's saved views", () => {
  it('saves a view under a trimmed name; saving the same view again changes nothing', () => {
    spec.given([]).when(save(view('v1', '  Mine  '))).then([saved(view('v1', 'Mine'))]);
    spec.given([saved(view('v1', 'Mine'))]).when(save(view('v1', 'Mine'))).then([]);
  });

  it('keeps names unique per user, whatever their case', () => {
    spec.given([saved(view('v1', 'Billing'))]).when(save(view('v2', 'billing'))).thenRefuses(ViewNameTaken);
    spec
      .given([saved(view('v1', 'Billing')), saved(view('v2', 'Other'))])
      .when({ type: 'ChangeView', data: { viewId: 'v2', ownerUserId: 'usr-1', changes: { name: 'BILLING' }, by } })
      .thenRefuses(ViewNameTaken);
  });

  it('changes what was asked, and nothing when nothing differs', () => {
    spec
      .given([saved(view('v1', 'Billing'))])
      .when({ type: 'ChangeView', data: { viewId: 'v1', ownerUserId: 'usr-1', changes: { shared: true }, by } })
      .then([{ type: 'ViewChanged', data: { ...view('v1', 'Billing', { shared: true }), ownerUserId: 'usr-1', changedBy: by } }]);
    spec
      .given([saved(view('v1', 'Billing'))])
      .when({ type: 'ChangeView', data: { viewId: 'v1', ownerUserId: 'usr-1', changes: { name: 'Billing' }, by } })
      .then([]);
  });

  it('only its owner changes or deletes a view; deleting the default clears it', () => {
    spec.given([]).when({ type: 'DeleteView', data: { viewId: 'v9', ownerUserId: 'usr-1', by } }).thenRefuses(ViewNotFound);
    const deleted = { type: 'ViewDeleted' as const, data: { viewId: 'v1', ownerUserId: 'usr-1', deletedBy: by } };
    spec.given([saved(view('v1', 'Billing'))]).when({ type: 'DeleteView', data: { viewId: 'v1', ownerUserId: 'usr-1', by } }).then([deleted]);
    const chosen = { type: 'DefaultViewChosen' as const, data: { userId: 'usr-1', viewId: 'v1', chosenBy: by } };
    spec.given([saved(view('v1', 'Billing')), chosen, deleted]).when({ type: 'ChooseDefaultView', data: { userId: 'usr-1', viewId: null, by } }).then([]);
  });

  it('records the default view once', () => {
    const chosen = { type: 'DefaultViewChosen' as const, data: { userId: 'usr-1', viewId: 'shared-1', chosenBy: by } };
    spec.given([]).when({ type: 'ChooseDefaultView', data: { userId: 'usr-1', viewId: 'shared-1', by } }).then([chosen]);
    spec.given([chosen]).when({ type: 'ChooseDefaultView', data: { userId: 'usr-1', viewId: 'shared-1', by } }).then([]);
  });

  it('keeps at most a hundred views per user', () => {
    const hundred = Array.from({ length: 100 }, (_, n) => saved(view(`v${n}`, `View ${n}`)));
    spec.given(hundred).when(save(view('v100', 'One more'))).thenRefuses(TooManyViews);
  });
});
