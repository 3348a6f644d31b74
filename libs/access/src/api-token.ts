import type { AccessLevel, Role } from '@faultline/access-policy';
import { createHash, randomBytes } from 'node:crypto';
import type { AccessUser } from './access.read-model';

/** Machine API tokens are told apart from people's signed access tokens by this prefix. */
const PREFIX = 'flt_';

export type ApiTokenScope = 'read' | 'triage' | 'admin';

/** A fresh token (shown once, to its creator) and the hash everything else keeps. */
export function newApiToken(): { token: string; tokenHash: string } {
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: apiTokenHash(token) };
}

/** The machine API token an Authorization header carries, if it carries one (people's tokens are signed JWTs). */
export function apiTokenOf(authorization: string | undefined): string | undefined {
  const [scheme, bearer] = (authorization ?? '').split(' ');
  return scheme === 'Bearer' && bearer?.startsWith(PREFIX) ? bearer : undefined;
}

export const apiTokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * What a scope may do, as a user of the account: `read` and `triage` act as a member with
 * monitor or manage access to every integration (`read` is also held to safe methods), `admin`
 * as an admin.
 */
const AS_USER: Record<ApiTokenScope, { role: Role; everyIntegration?: AccessLevel }> = {
  read: { role: 'member', everyIntegration: 'monitor' },
  triage: { role: 'member', everyIntegration: 'manage' },
  admin: { role: 'admin' },
};

export interface ApiTokenHolder extends AccessUser {
  tokenId: string;
  scope: ApiTokenScope;
}

/** The id an API token acts under, in place of a user's: events name the token as their actor. */
export const API_TOKEN_ACTOR_PREFIX = 'token:';

/** How people read an API token as the one who did something (an email, the invitation page). */
export const apiTokenLabel = (name: string): string => `API token “${name}”`;

/** The user a token of this scope acts as: its id is `token:<tokenId>`. */
export function asUserOfScope(token: { tokenId: string; accountId: string; name: string; scope: ApiTokenScope }): ApiTokenHolder {
  return { ...token, userId: `${API_TOKEN_ACTOR_PREFIX}${token.tokenId}`, email: '', status: 'active', access: {}, ...AS_USER[token.scope] };
}
