import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { bearerClaims } from '@faultline/access';
import { DirectoryQueries, UserRecord } from '../directory/directory.queries';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity.config';

type SignedInRequest = Request & { signedInUser?: UserRecord };

/**
 * Admits a request with a valid access token of a user who is still active. The user is read
 * afresh from the directory, so a role or access change counts at once, not at token expiry.
 */
@Injectable()
export class SignedInUserGuard implements CanActivate {
  constructor(
    private readonly directory: DirectoryQueries,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedInRequest>();
    const claims = bearerClaims(request.headers.authorization, this.config.service.jwtSecret);
    const user = await this.directory.user(claims.userId);
    if (!user || user.status !== 'active' || user.accountId !== claims.accountId) {
      throw new UnauthorizedException('the access token no longer belongs to an active user');
    }
    request.signedInUser = user;
    return true;
  }
}

/** The signed-in user, for handlers behind SignedInUserGuard. */
export const SignedInUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): UserRecord => {
    const user = context.switchToHttp().getRequest<SignedInRequest>().signedInUser;
    if (!user) throw new UnauthorizedException('sign in first');
    return user;
  },
);
