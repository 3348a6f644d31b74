import { accessTo, covers } from '@faultline/access-policy';
import type { UserSummary } from '@faultline/contracts/browser';

export type Eligibility = { eligible: true } | { eligible: false; why: string };

/**
 * Whether a person can take every selected error, by the access policy the assignment app
 * applies (monitor access to each error's integration; invited people count, they see the
 * errors once they accept), so the picker can say why someone is not offered.
 */
export function assigneeEligibility(user: UserSummary, integrationIds: readonly string[]): Eligibility {
  if (user.status === 'revoked') return { eligible: false, why: 'their invitation was revoked' };
  if (user.status === 'deactivated') return { eligible: false, why: 'they were deactivated' };
  const without = integrationIds.filter((integrationId) => !covers(accessTo(user, integrationId), 'monitor'));
  if (without.length === 0) return { eligible: true };
  return { eligible: false, why: `no access to ${without.length === 1 ? 'integration' : 'integrations'} ${without.join(', ')}` };
}

/** The picker's list: eligible people first (by name), then the others with why. */
export function assigneeChoices(users: readonly UserSummary[], integrationIds: readonly string[]) {
  const choices = users.map((user) => ({ user, eligibility: assigneeEligibility(user, integrationIds) }));
  const label = (user: UserSummary) => (user.name ?? user.email).toLowerCase();
  return choices.sort((a, b) => Number(b.eligibility.eligible) - Number(a.eligibility.eligible) || label(a.user).localeCompare(label(b.user)));
}
