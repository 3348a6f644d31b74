import type { AccessLevel } from '@faultline/access-policy';

/** Integration access as people read it: "acme: monitor, globex: manage"; owners and admins have all. */
export function accessText(access: Readonly<Record<string, AccessLevel>>, role?: string): string {
  if (role === 'owner' || role === 'admin') return 'every integration (manage)';
  const entries = Object.entries(access);
  return entries.length ? entries.map(([integrationId, level]) => `${integrationId}: ${level}`).join(', ') : 'none';
}

export type AccessChoice = AccessLevel | 'none';

/** The access map with one integration's level changed; "none" takes the integration away. */
export function withLevel(access: Readonly<Record<string, AccessLevel>>, integrationId: string, choice: AccessChoice): Record<string, AccessLevel> {
  const { [integrationId]: _previous, ...others } = access;
  return choice === 'none' ? others : { ...others, [integrationId]: choice };
}

export interface OfferedIntegration {
  integrationId: string;
  name: string | null;
}

/** The integrations to offer: those with errors (named, as people know them) and those already granted, once each, by id. */
export function integrationsToOffer(withErrors: readonly OfferedIntegration[], access: Readonly<Record<string, AccessLevel>>): OfferedIntegration[] {
  const offered = new Map(withErrors.map((integration) => [integration.integrationId, integration]));
  for (const integrationId of Object.keys(access)) if (!offered.has(integrationId)) offered.set(integrationId, { integrationId, name: null });
  return [...offered.values()].sort((a, b) => a.integrationId.localeCompare(b.integrationId));
}

/** The calls that turn one access map into another: grants to set, integrations to take away. */
export function accessChanges(before: Readonly<Record<string, AccessLevel>>, after: Readonly<Record<string, AccessLevel>>) {
  return {
    set: Object.entries(after).filter(([integrationId, level]) => before[integrationId] !== level),
    remove: Object.keys(before).filter((integrationId) => !(integrationId in after)),
  };
}
