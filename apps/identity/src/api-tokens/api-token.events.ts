export type ApiTokenScope = 'read' | 'triage' | 'admin';

/** Only the token's hash is kept; the token itself is shown once, to whoever created it. */
export type ApiTokenCreated = {
  type: 'ApiTokenCreated';
  data: { tokenId: string; accountId: string; name: string; scope: ApiTokenScope; expiresAt: string | null; tokenHash: string; createdBy: string; createdAt: string };
};

export type ApiTokenRevoked = { type: 'ApiTokenRevoked'; data: { tokenId: string; revokedBy: string; revokedAt: string } };

export type ApiTokenEvent = ApiTokenCreated | ApiTokenRevoked;
