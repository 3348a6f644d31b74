import type { ApiTokenUsage } from '@faultline/contracts/browser';

/** The services that accept machine tokens, each keeping when it last saw each one. */
export const TOKEN_SERVICES = ['errors', 'assignment', 'notifications', 'identity'] as const;
export type TokenService = (typeof TOKEN_SERVICES)[number];

export interface LastUse {
  at: string;
  service: TokenService;
}

/** Each token's latest use over the services that answered (a service that did not is left out). */
export function lastUses(answers: Partial<Record<TokenService, ApiTokenUsage>>): Map<string, LastUse> {
  const latest = new Map<string, LastUse>();
  for (const service of TOKEN_SERVICES) {
    for (const { tokenId, lastUsedAt } of answers[service]?.items ?? []) {
      const known = latest.get(tokenId);
      if (!known || Date.parse(lastUsedAt) > Date.parse(known.at)) latest.set(tokenId, { at: lastUsedAt, service });
    }
  }
  return latest;
}

/** "not yet", or when and on which service, in the reader's time. */
export const describeLastUse = (use: LastUse | undefined): string => (use ? `${new Date(use.at).toLocaleString()} (${use.service})` : 'not yet');
