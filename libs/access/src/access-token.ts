import type { Role } from '@faultline/access-policy';
import jwt from 'jsonwebtoken';

/** What a signed-in user's access token says; the services check it themselves. */
export interface AccessClaims {
  userId: string;
  accountId: string;
  role: Role;
}

const ISSUER = 'faultline-identity';
const AUDIENCE = 'faultline';

export function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds: number): string {
  return jwt.sign({ acc: claims.accountId, role: claims.role }, secret, {
    algorithm: 'HS256',
    subject: claims.userId,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ttlSeconds,
  });
}

/** The claims of a valid token, or undefined for a missing, forged or expired one. */
export function verifyAccessToken(token: string, secret: string): AccessClaims | undefined {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    if (typeof payload === 'string' || !payload.sub) return undefined;
    return { userId: payload.sub, accountId: String(payload.acc), role: payload.role as Role };
  } catch {
    return undefined;
  }
}
