import { PermissionRefused, Plan, refuseUnlessActive, UserView, isAdministrator, Refusal } from '@faultline/access-policy';
import type { AccountEvent } from './account.events';

export type AccountState =
  | { status: 'none' }
  | { status: 'open'; accountId: string; name: string; plan: Plan; invitationsEnabled: boolean; ownerUserId: string };

type Owner = { ownerUserId: string; ownerEmail: string; ownerName: string };

export type CreateAccount = {
  type: 'CreateAccount';
  data: Owner & { accountId: string; name: string; plan: Plan };
};

/** Plans change through the platform (internal API key), never by a user. */
export type ChangePlan = { type: 'ChangePlan'; data: { plan: Plan } };

export type ChangeSettings = {
  type: 'ChangeSettings';
  data: { actor: UserView; invitationsEnabled: boolean };
};

export type AccountCommand = CreateAccount | ChangePlan | ChangeSettings;

export class AccountAlreadyExists extends Refusal {
  readonly code = 'ACCOUNT_ALREADY_EXISTS';
}

export class AccountNotFound extends Refusal {
  readonly code = 'ACCOUNT_NOT_FOUND';
}

export const initialState = (): AccountState => ({ status: 'none' });

/** New accounts let members invite: the seed's "Invitations" setting starts on. */
const INVITATIONS_ENABLED_BY_DEFAULT = true;

export function decide(command: AccountCommand, state: AccountState): AccountEvent[] {
  switch (command.type) {
    case 'CreateAccount': {
      if (state.status !== 'none') throw new AccountAlreadyExists(`account ${command.data.accountId} already exists`);
      return [{ type: 'AccountCreated', data: { ...command.data, invitationsEnabled: INVITATIONS_ENABLED_BY_DEFAULT } }];
    }
    case 'ChangePlan': {
      const account = existing(state);
      if (account.plan === command.data.plan) return [];
      return [{ type: 'AccountPlanChanged', data: { accountId: account.accountId, plan: command.data.plan, previousPlan: account.plan } }];
    }
    case 'ChangeSettings': {
      const account = existing(state);
      assertAdministrator(account, command.data.actor);
      if (account.invitationsEnabled === command.data.invitationsEnabled) return [];
      return [{ type: 'AccountSettingsChanged', data: { accountId: account.accountId, invitationsEnabled: command.data.invitationsEnabled } }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolve(state: AccountState, event: AccountEvent): AccountState {
  switch (event.type) {
    case 'AccountCreated': {
      const { accountId, name, plan, invitationsEnabled, ownerUserId } = event.data;
      return { status: 'open', accountId, name, plan, invitationsEnabled, ownerUserId };
    }
    case 'AccountPlanChanged':
      return state.status === 'open' ? { ...state, plan: event.data.plan } : state;
    case 'AccountSettingsChanged':
      return state.status === 'open' ? { ...state, invitationsEnabled: event.data.invitationsEnabled } : state;
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

function existing(state: AccountState): Extract<AccountState, { status: 'open' }> {
  if (state.status === 'none') throw new AccountNotFound('account not found');
  return state;
}

function assertAdministrator(account: Extract<AccountState, { status: 'open' }>, actor: UserView): void {
  const refusal = refuseUnlessActive(account, actor);
  if (refusal) throw refusal;
  if (!isAdministrator(actor.role)) {
    throw new PermissionRefused('ADMINISTRATORS_ONLY', 'only owners and admins can change account settings');
  }
}
