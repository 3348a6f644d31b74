import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { ApiTokenHolder, ApiTokens, apiTokenOf, bearerClaims } from '@faultline/access';
import { PermissionRefused } from '@faultline/access-policy';
import { DirectoryQueries, UserRecord } from '../directory/directory.queries';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity.config';

type SignedInRequest = Request & { signedInUser?: UserRecord };

/**
 * Admits a request with a valid access token of a user who is still active, or with a live
 * machine API token acting as a user of its scope. The user is read afresh from the directory,
 * so a role or access change counts at once, not at token expiry; a token is read afresh from
 * identity's own table, so a revoked one is refused here at once.
 */
@Injectable()
export class SignedInUserGuard implements CanActivate {
  constructor(
    private readonly directory: DirectoryQueries,
    private readonly apiTokens: ApiTokens,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SignedInRequest>();
    const apiToken = apiTokenOf(request.headers.authorization);
    if (apiToken) {
      request.signedInUser = tokenAsUser(await this.apiTokens.admit(apiToken, request.method));
      return true;
    }
    const claims = bearerClaims(request.headers.authorization, this.config.service.jwtSecret);
    const user = await this.directory.user(claims.userId);
    if (!user || user.status !== 'active' || user.accountId !== claims.accountId) {
      throw new UnauthorizedException('the access token no longer belongs to an active user');
    }
    request.signedInUser = user;
    return true;
  }
}

function tokenAsUser(holder: ApiTokenHolder): UserRecord {
  const { userId, accountId, name, role, access, everyIntegration, tokenId } = holder;
  const person = { passwordHash: null, invitationExpiresAt: null, invitedBy: null, fromAssignment: false };
  return { userId, accountId, email: '', name, role, status: 'active', access, everyIntegration, apiTokenId: tokenId, ...person };
}

/**
 * What only a person may do. API tokens do not make or revoke API tokens (a leaked admin token
 * could otherwise mint its own successor and outlive its revocation), and have no profile.
 */
export function requirePerson(actor: UserRecord, what: string): void {
  if (actor.apiTokenId) throw new PermissionRefused('PEOPLE_ONLY', `an API token cannot ${what}: only a signed-in person can`);
}

/** The signed-in user, for handlers behind SignedInUserGuard. */
export const SignedInUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): UserRecord => {
    const user = context.switchToHttp().getRequest<SignedInRequest>().signedInUser;
    if (!user) throw new UnauthorizedException('sign in first');
    return user;
  },
);
