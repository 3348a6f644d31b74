import { AccountView, PermissionRefused, UserView } from '@faultline/access-policy';
import { deciderSpec } from '@faultline/testing';
import { ApiTokenNotFound, CreateApiToken, decide, evolve, initialState } from './api-token.decider';
import type { ApiTokenEvent } from './api-token.events';

const spec = deciderSpec({ decide, evolve, initialState });
const now = new Date('2026-12-01T10:00:00.000Z');
const account: AccountView = { accountId: 'acc-1', plan: 'standard', invitationsEnabled: true };
const admin: UserView = { userId: 'u-admin', accountId: 'acc-1', role: 'admin', status: 'active', access: {} };
const member: UserView = { ...admin, userId: 'u-member', role: 'member' };

const create = (actor = admin): CreateApiToken => ({
  type: 'CreateApiToken',
  data: { tokenId: 't-1', name: 'CI contract tests', scope: 'read', expiresAt: null, tokenHash: 'a'.repeat(64), account, actor, now },
});
const created: ApiTokenEvent = {
  type: 'ApiTokenCreated',
  data: { tokenId: 't-1', accountId: 'acc-1', name: 'CI contract tests', scope: 'read', expiresAt: null, tokenHash: 'a'.repeat(64), createdBy: 'u-admin', createdAt: now.toISOString() },
};
const revoke = (actor = admin, of = account) => ({ type: 'RevokeApiToken' as const, data: { account: of, actor, now } });
const revoked: ApiTokenEvent = { type: 'ApiTokenRevoked', data: { tokenId: 't-1', revokedBy: 'u-admin', revokedAt: now.toISOString() } };

describe('machine API tokens', () => {
  it('an owner or admin creates one, kept as its hash', () => {
    spec.given([]).when(create()).then([created]);
  });

  it('a member may neither create nor revoke one', () => {
    spec.given([]).when(create(member)).thenRefuses(PermissionRefused);
    spec.given([created]).when(revoke(member)).thenRefuses(PermissionRefused);
  });

  it('revoking stops it once; revoking again changes nothing', () => {
    spec.given([created]).when(revoke()).then([revoked]);
    spec.given([created, revoked]).when(revoke()).then([]);
  });

  it("another account's token, or none, is not found", () => {
    const other: AccountView = { ...account, accountId: 'acc-2' };
    spec.given([created]).when(revoke({ ...admin, accountId: 'acc-2' }, other)).thenRefuses(ApiTokenNotFound);
    spec.given([]).when(revoke()).thenRefuses(ApiTokenNotFound);
  });
});
