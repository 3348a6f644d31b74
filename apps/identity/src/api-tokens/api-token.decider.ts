import { AccountView, refuseUnlessActive, Refusal, requireAdministrator, UserView } from '@faultline/access-policy';
import type { ApiTokenEvent, ApiTokenScope } from './api-token.events';

export type ApiTokenState = { status: 'none' } | { status: 'live' | 'revoked'; tokenId: string; accountId: string };

type Administration = { account: AccountView; actor: UserView; now: Date };

export type CreateApiToken = {
  type: 'CreateApiToken';
  data: Administration & { tokenId: string; name: string; scope: ApiTokenScope; expiresAt: string | null; tokenHash: string };
};
export type RevokeApiToken = { type: 'RevokeApiToken'; data: Administration };
export type ApiTokenCommand = CreateApiToken | RevokeApiToken;

/** No such token in the caller's account (404): another account's tokens are not even named. */
export class ApiTokenNotFound extends Refusal {
  readonly code = 'API_TOKEN_NOT_FOUND';
}

export class ApiTokenAlreadyExists extends Refusal {
  readonly code = 'API_TOKEN_ALREADY_EXISTS';
}

export const apiTokenStreamId = (tokenId: string): string => `api-token-${tokenId}`;

export const initialState = (): ApiTokenState => ({ status: 'none' });

/** Machine tokens are the account's keys: only its active owners and admins make and revoke them; revoking twice changes nothing. */
export function decide(command: ApiTokenCommand, state: ApiTokenState): ApiTokenEvent[] {
  const { account, actor, now } = command.data;
  const refusal = refuseUnlessActive(account, actor);
  if (refusal) throw refusal;
  requireAdministrator(actor, 'manage API tokens');
  if (command.type === 'CreateApiToken') {
    if (state.status !== 'none') throw new ApiTokenAlreadyExists(`API token ${command.data.tokenId} exists`);
    const { tokenId, name, scope, expiresAt, tokenHash } = command.data;
    return [{ type: 'ApiTokenCreated', data: { tokenId, accountId: account.accountId, name, scope, expiresAt, tokenHash, createdBy: actor.userId, createdAt: now.toISOString() } }];
  }
  if (state.status === 'none' || state.accountId !== account.accountId) throw new ApiTokenNotFound('no such API token');
  if (state.status === 'revoked') return [];
  return [{ type: 'ApiTokenRevoked', data: { tokenId: state.tokenId, revokedBy: actor.userId, revokedAt: now.toISOString() } }];
}

export function evolve(state: ApiTokenState, event: ApiTokenEvent): ApiTokenState {
  switch (event.type) {
    case 'ApiTokenCreated':
      return { status: 'live', tokenId: event.data.tokenId, accountId: event.data.accountId };
    case 'ApiTokenRevoked':
      return state.status === 'none' ? state : { ...state, status: 'revoked' };
  }
}
