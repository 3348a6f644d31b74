import type { Plan } from '@faultline/access-policy';

/** The platform provisioned an account; its owner is registered in the same step. */
export type AccountCreated = {
  type: 'AccountCreated';
  data: {
    accountId: string;
    name: string;
    plan: Plan;
    invitationsEnabled: boolean;
    ownerUserId: string;
    ownerEmail: string;
    ownerName: string;
  };
};

export type AccountPlanChanged = {
  type: 'AccountPlanChanged';
  data: { accountId: string; plan: Plan; previousPlan: Plan };
};

/** Account settings an owner or admin controls. */
export type AccountSettingsChanged = {
  type: 'AccountSettingsChanged';
  data: { accountId: string; invitationsEnabled: boolean };
};

export type AccountEvent = AccountCreated | AccountPlanChanged | AccountSettingsChanged;
