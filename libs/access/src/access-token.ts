import type { Role } from '@faultline/access-policy';
import { UnauthorizedException } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { createSecretKey, KeyObject } from 'node:crypto';

/** What a signed-in user's access token says; the services check it themselves. */
export interface AccessClaims {
  userId: string;
  accountId: string;
  role: Role;
  /** When identity issued the token (the signed `iat`). */
  issuedAt?: Date;
}

const ISSUER = 'faultline-identity';
const AUDIENCE = 'faultline';

const signingKeys = new Map<string, KeyObject>();

/**
 * The secret as a key object, made once: handed a string, jsonwebtoken first tries to parse it
 * as a PEM public key on every call and fails, which cost more than the rest of a list request's
 * token check.
 */
function signingKey(secret: string): KeyObject {
  let key = signingKeys.get(secret);
  if (!key) signingKeys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
}

export function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds: number): string {
  const iat = claims.issuedAt && Math.floor(claims.issuedAt.getTime() / 1000);
  return jwt.sign({ acc: claims.accountId, role: claims.role, ...(iat === undefined ? {} : { iat }) }, signingKey(secret), {
    algorithm: 'HS256',
    subject: claims.userId,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ttlSeconds,
  });
}

/** The claims of a valid token, or undefined for a missing, forged, expired or never-expiring one. */
export function verifyAccessToken(token: string, secret: string): AccessClaims | undefined {
  try {
    const payload = jwt.verify(token, signingKey(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    // A token that never expires is not one identity issues: refused, whoever signed it.
    if (typeof payload === 'string' || !payload.sub || typeof payload.exp !== 'number') return undefined;
    const issuedAt = typeof payload.iat === 'number' ? new Date(payload.iat * 1000) : undefined;
    return { userId: payload.sub, accountId: String(payload.acc), role: payload.role as Role, issuedAt };
  } catch {
    return undefined;
  }
}

/**
 * The claims of the request's `Authorization: Bearer` token. Throws a 401 naming what is
 * wrong: no token, or one that is forged or expired.
 */
export function bearerClaims(authorization: string | undefined, secret: string): AccessClaims {
  const [scheme, token] = (authorization ?? '').split(' ');
  if (scheme !== 'Bearer' || !token) throw new UnauthorizedException('sign in first: a Bearer access token is required');
  const claims = verifyAccessToken(token, secret);
  if (!claims) throw new UnauthorizedException('the access token is invalid or has expired');
  return claims;
}
