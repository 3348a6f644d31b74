import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AccessUser, accessUser } from './access.read-model';
import { bearerClaims } from './access-token';
import { apiTokenOf } from './api-token';
import { ApiTokens } from './api-tokens';
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
    private readonly apiTokens: ApiTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const apiToken = apiTokenOf(request.headers.authorization);
    if (apiToken) {
      request.accessUser = await this.apiTokens.admit(apiToken, request.method);
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
}

/** The user a request was admitted for, behind AccessTokenGuard. */
export const AuthenticatedUser = createParamDecorator((_data: unknown, context: ExecutionContext): AccessUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().accessUser;
  if (!user) throw new UnauthorizedException('sign in first');
  return user;
});
