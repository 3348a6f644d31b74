import { Refusal } from '@faultline/access-policy';
import { Me, SignInRequest, SignInResponse } from '@faultline/contracts';
import { ApiBodyFrom, ApiOkFrom, SchemaPipe } from '@faultline/platform';
import { Body, Controller, Get, HttpCode, Inject, Ip, Post, UnauthorizedException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { requirePerson, SignedInUser, SignedInUserGuard } from '../access/signed-in-user.guard';
import { signAccessToken } from '@faultline/access';
import { needsRehash, scryptCost, verifyPassword } from '../credentials/password-hasher';
import { DirectoryQueries, UserRecord } from '../directory/directory.queries';
import { userSummary } from '../directory/user-summary';
import { IdentityCommands } from '../identity.commands';
import { IDENTITY_CONFIG, IdentityConfig } from '../identity.config';
import { SignInThrottle } from './sign-in-throttle';

/** Too many failed sign-ins lately for this email or from this address (429, with Retry-After). */
export class SignInThrottled extends Refusal {
  readonly code = 'SIGN_IN_THROTTLED';

  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed sign-ins; try again in ${retryAfterSeconds} s`);
  }
}

/**
 * The email and password match users of several accounts: the caller picks one. Naming the
 * accounts is safe here, since the password proved it is their person asking.
 */
export class AccountChoiceNeeded extends Refusal {
  readonly code = 'ACCOUNT_CHOICE_NEEDED';

  constructor(override readonly extensions: { accounts: { accountId: string; name: string }[] }) {
    super('this email belongs to several accounts: say which with accountId');
  }
}

const WRONG_CREDENTIALS = 'the email or password is wrong';

@ApiTags('sign-in')
@Controller()
export class SignInController {
  /** Checked when no user matches, so an unknown email takes as long as a wrong password. */
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly directory: DirectoryQueries,
    private readonly commands: IdentityCommands,
    private readonly throttle: SignInThrottle,
    @Inject(IDENTITY_CONFIG) private readonly config: IdentityConfig,
  ) {
    this.decoyHash = commands.hash('decoy password that matches nothing');
  }

  @Post('sign-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for an access token' })
  @ApiBodyFrom(SignInRequest)
  @ApiOkFrom(SignInResponse)
  async signIn(
    @Body(new SchemaPipe(SignInRequest, 'body')) request: Static<typeof SignInRequest>,
    @Ip() address: string,
  ): Promise<SignInResponse> {
    const email = request.email.toLowerCase();
    const wait = await this.throttle.retryAfter(email, address);
    if (wait > 0) throw new SignInThrottled(Math.ceil(wait / 1000));
    const user = await this.matchingUser(email, request.password, request.accountId);
    if (!user) {
      await this.throttle.failed(email, address);
      throw new UnauthorizedException(WRONG_CREDENTIALS);
    }
    await this.throttle.succeeded(email, address);
    if (user.passwordHash && needsRehash(user.passwordHash, scryptCost(this.config.passwordHashCostLog2))) await this.commands.rehashPassword(user, request.password);
    const { userId, accountId, role } = user;
    const accessToken = signAccessToken({ userId, accountId, role }, this.config.service.jwtSecret, this.config.accessTokenTtlSeconds);
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.accessTokenTtlSeconds, user: userSummary(user) };
  }

  @Get('me')
  @UseGuards(SignedInUserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user and their account' })
  @ApiOkFrom(Me)
  async me(@SignedInUser() user: UserRecord): Promise<Me> {
    requirePerson(user, 'read /me');
    const account = await this.directory.account(user.accountId);
    if (!account) return { user: userSummary(user), account: null };
    const { accountId, name, plan, invitationsEnabled, ownerUserId } = account;
    return { user: userSummary(user), account: { accountId, name, plan, invitationsEnabled, ownerUserId } };
  }

  private async matchingUser(email: string, password: string, accountId?: string): Promise<UserRecord | undefined> {
    const candidates = (await this.directory.activeUsersByEmail(email)).filter(
      (candidate) => accountId === undefined || candidate.accountId === accountId,
    );
    if (candidates.length === 0) {
      await verifyPassword(password, await this.decoyHash);
      return undefined;
    }
    const matches: UserRecord[] = [];
    for (const candidate of candidates) {
      if (candidate.passwordHash && (await verifyPassword(password, candidate.passwordHash))) matches.push(candidate);
    }
    if (matches.length > 1) {
      const accounts = await Promise.all(matches.map(async ({ accountId }) => ({ accountId, name: (await this.directory.account(accountId))?.name ?? accountId })));
      throw new AccountChoiceNeeded({ accounts });
    }
    return matches[0];
  }
}
