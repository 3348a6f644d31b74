import type { AccessLevel } from '@faultline/access-policy';

/** Integration access as people read it: "acme: monitor, globex: manage"; owners and admins have all. */
export function accessText(access: Readonly<Record<string, AccessLevel>>, role?: string): string {
  if (role === 'owner' || role === 'admin') return 'every integration (manage)';
  const entries = Object.entries(access);
  return entries.length ? entries.map(([integrationId, level]) => `${integrationId}: ${level}`).join(', ') : 'none';
}

export type ParsedAccess = { ok: true; access: Record<string, AccessLevel> } | { ok: false; why: string };

/** "acme:monitor, globex:manage" → the access map an invitation grants. */
export function parseAccess(text: string): ParsedAccess {
  const access: Record<string, AccessLevel> = {};
  for (const part of text.split(',').map((item) => item.trim()).filter(Boolean)) {
    const match = /^(.{1,100}?)\s*:\s*(monitor|manage)$/.exec(part);
    if (!match) return { ok: false, why: `"${part}" is not integration:monitor or integration:manage` };
    access[match[1]] = match[2] as AccessLevel;
  }
  return { ok: true, access };
}

/** The calls that turn one access map into another: grants to set, integrations to take away. */
export function accessChanges(before: Readonly<Record<string, AccessLevel>>, after: Readonly<Record<string, AccessLevel>>) {
  return {
    set: Object.entries(after).filter(([integrationId, level]) => before[integrationId] !== level),
    remove: Object.keys(before).filter((integrationId) => !(integrationId in after)),
  };
}
