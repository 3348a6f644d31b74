import { accessTo, AccountView, covers, refuseAssignErrors, refuseAssignToNewEmail, refuseGrantOnInvitation, refuseInviteUsers, UserView, Refusal } from '@faultline/access-policy';

/** The assignee cannot take these errors: a 422 that names the user and the integration. */
export class AssigneeCannotTakeErrors extends Refusal {
  readonly code = 'ASSIGNEE_CANNOT_TAKE_ERRORS';

  constructor(readonly assigneeUserId: string, reason: string) {
    super(reason);
  }
}

/** The assignee's invitation was revoked: nobody can give them errors any more (422). */
export class AssigneeInvitationRevoked extends Refusal {
  readonly code = 'ASSIGNEE_INVITATION_REVOKED';

  constructor(readonly assigneeUserId: string) {
    super(`user ${assigneeUserId}'s invitation was revoked, so they cannot be assigned errors`);
  }
}

export interface AssignmentRequest {
  account: AccountView;
  actor: UserView;
  /** The integrations of every error the request names: one refusal refuses them all. */
  integrationIds: string[];
  /**
   * An existing user (`undefined` when they are not a user of this account), or an email: a new
   * one, or a pending invitee's whose access the request would widen.
   */
  assignee: { kind: 'user'; userId: string; user?: UserView } | { kind: 'email'; invitee?: UserView };
}

/**
 * Seed 000's rules for assigning, applied to a whole request: the account's plan has
 * assignment, the actor may view every integration involved (403 otherwise); a new email needs
 * an owner or admin, or a member with invitations on (403); an existing assignee must be a
 * user of the account, active or still invited (seed 000's "manual invitation": added in the
 * Users tab, then assigned; they see the errors once they accept), not revoked, with at least
 * monitor access to each integration (422). A pending invitee assigned by email may be given the
 * monitor access they lack only by an actor who may invite and grant it (422 otherwise).
 */
export function refuseAssignment(request: AssignmentRequest): Error | undefined {
  const { account, actor, integrationIds, assignee } = request;
  const newEmail = assignee.kind === 'email' && !assignee.invitee;
  for (const integrationId of integrationIds) {
    const refusal = newEmail ? refuseAssignToNewEmail(account, actor, integrationId) : refuseAssignErrors(account, actor, integrationId);
    if (refusal) return refusal;
  }
  if (assignee.kind === 'email') return assignee.invitee && refuseWidening(account, actor, assignee.invitee, integrationIds);
  const { user, userId } = assignee;
  if (!user || user.accountId !== account.accountId) {
    return new AssigneeCannotTakeErrors(userId, `user ${userId} is not a user of this account`);
  }
  if (user.status === 'revoked') return new AssigneeInvitationRevoked(userId);
  if (user.status === 'deactivated') return new AssigneeCannotTakeErrors(userId, `user ${userId} was deactivated; reactivate them to give them errors`);
  for (const integrationId of integrationIds) {
    if (!covers(accessTo(user, integrationId), 'monitor')) {
      return new AssigneeCannotTakeErrors(userId, `user ${userId} has no access to integration ${integrationId}, so cannot be assigned its errors`);
    }
  }
  return undefined;
}

/** Widening an invitation is inviting: the same rules, named as the integration the assignee cannot take. */
function refuseWidening(account: AccountView, actor: UserView, invitee: UserView, integrationIds: string[]): Error | undefined {
  for (const integrationId of integrationIds) {
    if (covers(accessTo(invitee, integrationId), 'monitor')) continue;
    const refusal = refuseInviteUsers(account, actor) ?? refuseGrantOnInvitation(actor, { role: 'member', access: { [integrationId]: 'monitor' } });
    if (refusal) {
      const reason = `user ${invitee.userId} has no access to integration ${integrationId}, and you may not grant it: ${refusal.message}`;
      return new AssigneeCannotTakeErrors(invitee.userId, reason);
    }
  }
  return undefined;
}

