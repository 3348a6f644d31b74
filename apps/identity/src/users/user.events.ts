import type { AccessLevel, Role } from '@faultline/access-policy';

/** Integration id → access level, as granted to one user. */
export type IntegrationAccess = Record<string, AccessLevel>;

/** The account's owner, registered with the account and active at once. */
export type OwnerRegistered = {
  type: 'OwnerRegistered';
  data: { userId: string; accountId: string; email: string; name: string; passwordHash: string };
};

/**
 * Someone was invited. Only the token's hash is kept; the token itself exists once, in the
 * invitation email. `fromAssignment` marks invitations made by assigning errors to a new email.
 */
export type UserInvited = {
  type: 'UserInvited';
  data: {
    userId: string;
    accountId: string;
    email: string;
    role: Role;
    access: IntegrationAccess;
    invitedBy: string;
    fromAssignment: boolean;
    /** The errors assigned with this invitation, which its email names. */
    assignedErrorIds?: string[];
    tokenHash: string;
    expiresAt: string;
  };
};

/**
 * What other apps learn of an invitee or a new member is carried by the event itself, so what
 * identity publishes is read from its events alone (events stored before these fields existed
 * are never published again; replaying them reads only `userId` and the token).
 */
export interface InviteeProfile {
  email: string;
  role: Role;
  access: IntegrationAccess;
}

/** Inviting a pending email again sends a fresh token; the old one stops working. */
export type InvitationResent = {
  type: 'InvitationResent';
  data: InviteeProfile & { userId: string; resentBy: string; tokenHash: string; expiresAt: string; fromAssignment: boolean };
};

export type InvitationRevoked = { type: 'InvitationRevoked'; data: { userId: string; revokedBy: string } };

export type InvitationAccepted = {
  type: 'InvitationAccepted';
  data: InviteeProfile & { userId: string; name: string; passwordHash: string; acceptedAt: string };
};

export type UserRoleChanged = {
  type: 'UserRoleChanged';
  data: { userId: string; role: Role; previousRole: Role; changedBy: string };
};

/** `level: null` takes the user's access to the integration away. */
export type IntegrationAccessChanged = {
  type: 'IntegrationAccessChanged';
  data: { userId: string; integrationId: string; level: AccessLevel | null; changedBy: string };
};

/** An owner or admin took a user's access away; reactivating gives back the same role and grants. */
export type UserDeactivated = { type: 'UserDeactivated'; data: { userId: string; deactivatedBy: string } };
export type UserReactivated = { type: 'UserReactivated'; data: { userId: string; reactivatedBy: string } };

/** The password, known at a sign-in, hashed again at today's cost; it is the same password. */
export type PasswordRehashed = { type: 'PasswordRehashed'; data: { userId: string; passwordHash: string } };

export type UserEvent =
  | OwnerRegistered
  | UserInvited
  | InvitationResent
  | InvitationRevoked
  | InvitationAccepted
  | UserRoleChanged
  | IntegrationAccessChanged
  | PasswordRehashed
  | UserDeactivated
  | UserReactivated;
