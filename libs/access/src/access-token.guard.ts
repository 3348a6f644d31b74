import { PermissionRefused } from '@faultline/access-policy';
import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AccessUser, accessUser } from './access.read-model';
import { bearerClaims } from './access-token';
import { apiTokenHolder, isApiToken } from './api-token';
import { ApiTokenUses } from './api-token-uses';
import { UserNotKnownYet } from './not-known-yet';

type AuthenticatedRequest = Request & { accessUser?: AccessUser };

export const ACCESS_OPTIONS = Symbol('AccessOptions');

export interface AccessOptions {
  /** The secret identity signs access tokens with. */
  jwtSecret: string;
}

/** How long after a token is issued its user may still be unknown here: identity's event is on its way. */
const NEWCOMER_WINDOW_MS = 60_000;


/**
 * Admits requests with a valid access token of a user this service knows as active. A
 * service checks tokens itself, against its own copy of identity's events: no call to identity.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(ACCESS_OPTIONS) private readonly options: AccessOptions,
    private readonly uses: ApiTokenUses,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, bearer] = (request.headers.authorization ?? '').split(' ');
    if (scheme === 'Bearer' && bearer && isApiToken(bearer)) {
      request.accessUser = await this.apiTokenHolder(bearer, request.method);
      return true;
    }
    const claims = bearerClaims(request.headers.authorization, this.options.jwtSecret);
    const user = await accessUser(this.dataSource.manager, claims.userId);
    // Unknown, or known only as invited: identity issues tokens to active users only, so this
    // service has not heard yet of the sign-up or acceptance that came a moment ago.
    const behind = !user || user.status === 'invited';
    if (behind && claims.issuedAt && Date.now() - claims.issuedAt.getTime() < NEWCOMER_WINDOW_MS) throw new UserNotKnownYet();
    if (!user || user.status !== 'active' || user.accountId !== claims.accountId) {
      throw new UnauthorizedException('the access token does not belong to an active user');
    }
    request.accessUser = user;
    return true;
  }

  /** A machine API token acts as a user of its scope, from this service's copy of identity's tokens. */
  private async apiTokenHolder(token: string, method: string): Promise<AccessUser> {
    const now = new Date();
    const holder = await apiTokenHolder(this.dataSource.manager, token, now);
    if (!holder) throw new UnauthorizedException('the API token is unknown, revoked or expired');
    this.uses.used(holder.tokenId, now);
    if (holder.scope === 'read' && !SAFE_METHODS.has(method.toUpperCase())) {
      throw new PermissionRefused('TOKEN_READ_ONLY', 'this API token has the read scope: it may read, not change anything');
    }
    return holder;
  }
}

/** Methods that change nothing: all a read-scoped API token may use. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The user a request was admitted for, behind AccessTokenGuard. */
export const AuthenticatedUser = createParamDecorator((_data: unknown, context: ExecutionContext): AccessUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().accessUser;
  if (!user) throw new UnauthorizedException('sign in first');
  return user;
});
