import { createHash, randomBytes } from 'node:crypto';

/**
 * An invitation token: 256 random bits, shown once (in the invitation email's link) and stored
 * only as its SHA-256 hash. A fast hash is enough because the token is random, not chosen.
 */
export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Where the invitee accepts; the notifications service puts it behind the public base URL, with the token. */
export const ACCEPTANCE_PATH = '/invitations/accept';
