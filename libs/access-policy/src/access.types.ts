/** A subscription plan. Error assignment exists on every plan but Free. */
export type Plan = 'free' | 'standard' | 'professional' | 'enterprise';

/** Owners and admins administer the account; members work in the integrations they were given. */
export type Role = 'owner' | 'admin' | 'member';

/** Monitor: see and work errors. Manage: also change the integration. Manage includes monitor. */
export type AccessLevel = 'monitor' | 'manage';

/** What the rules need to know about an account. */
export interface AccountView {
  accountId: string;
  plan: Plan;
  /** The account setting that lets members invite users (and so assign to new emails). */
  invitationsEnabled: boolean;
}

/** What the rules need to know about a user of that account. */
export interface UserView {
  userId: string;
  accountId: string;
  role: Role;
  /** An invited user who has not accepted yet can do nothing, but can be assigned errors; a revoked one neither. */
  status: 'invited' | 'active' | 'revoked' | 'deactivated';
  /** Explicit access per integration id; owners and admins have manage everywhere regardless. */
  access: Readonly<Record<string, AccessLevel>>;
  /** A machine API token's level on every integration, those to come included. */
  everyIntegration?: AccessLevel;
}
