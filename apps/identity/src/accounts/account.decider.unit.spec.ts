import { PermissionRefused, UserView } from '@faultline/access-policy';
import { deciderSpec } from '@faultline/testing';
import { AccountAlreadyExists, AccountNotFound, decide, evolve, initialState } from './account.decider';
import type { AccountCreated } from './account.events';

const spec = deciderSpec({ decide, evolve, initialState });
const owner = { ownerUserId: 'u-owner', ownerEmail: 'olga@example.test', ownerName: 'Olga' };
const created: AccountCreated = {
  type: 'AccountCreated',
  data: { accountId: 'acc-1', name: 'Acme', plan: 'standard', invitationsEnabled: true, ...owner },
};
const actor = (role: UserView['role']): UserView => ({ userId: `u-${role}`, accountId: 'acc-1', role, status: 'active', access: {} });

describe('accounts', () => {
  it('a new account has invitations turned on', () => {
    spec
      .given([])
      .when({ type: 'CreateAccount', data: { accountId: 'acc-1', name: 'Acme', plan: 'standard', ...owner } })
      .then([created]);
  });

  it('an account is created once', () => {
    spec
      .given([created])
      .when({ type: 'CreateAccount', data: { accountId: 'acc-1', name: 'Acme', plan: 'free', ...owner } })
      .thenRefuses(AccountAlreadyExists);
  });

  it('a plan change records the previous plan', () => {
    spec
      .given([created])
      .when({ type: 'ChangePlan', data: { plan: 'free' } })
      .then([{ type: 'AccountPlanChanged', data: { accountId: 'acc-1', plan: 'free', previousPlan: 'standard' } }]);
  });

  it('changing the plan of an unknown account is refused', () => {
    spec.given([]).when({ type: 'ChangePlan', data: { plan: 'free' } }).thenRefuses(AccountNotFound);
  });

  it('an admin turns invitations off', () => {
    spec
      .given([created])
      .when({ type: 'ChangeSettings', data: { actor: actor('admin'), invitationsEnabled: false } })
      .then([{ type: 'AccountSettingsChanged', data: { accountId: 'acc-1', invitationsEnabled: false } }]);
  });

  it('a member cannot change the settings', () => {
    spec
      .given([created])
      .when({ type: 'ChangeSettings', data: { actor: actor('member'), invitationsEnabled: false } })
      .thenRefuses(PermissionRefused);
  });

  it('setting what is already set changes nothing', () => {
    spec.given([created]).when({ type: 'ChangeSettings', data: { actor: actor('owner'), invitationsEnabled: true } }).then([]);
  });
});
