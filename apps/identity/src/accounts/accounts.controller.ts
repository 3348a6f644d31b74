import { AccountCreated, AccountIdParams, AccountSettings, ChangePlanRequest, CreateAccountRequest } from '@faultline/contracts';
import { ApiAnswerFrom, ApiBodyFrom, ApiOkFrom, ApiParamsFrom, NotFoundError, SchemaPipe } from '@faultline/platform';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { InternalApiKeyGuard } from '@faultline/platform';
import { SignedInUser, SignedInUserGuard } from '../access/signed-in-user.guard';
import { DirectoryQueries, UserRecord } from '../directory/directory.queries';
import { requireStrongPassword } from '../credentials/password-policy';
import { IdentityCommands } from '../identity.commands';

/** Accounts as the platform provisions them (internal key), and their settings (owners, admins). */
@ApiTags('accounts')
@Controller()
export class AccountsController {
  constructor(
    private readonly commands: IdentityCommands,
    private readonly directory: DirectoryQueries,
  ) {}

  @Post('internal/accounts')
  @UseGuards(InternalApiKeyGuard)
  @ApiSecurity('internal-api-key')
  @ApiOperation({ summary: 'Provision an account and its owner (internal API key)' })
  @ApiBodyFrom(CreateAccountRequest)
  @ApiAnswerFrom(201, AccountCreated)
  createAccount(@Body(new SchemaPipe(CreateAccountRequest, 'body')) request: Static<typeof CreateAccountRequest>): Promise<AccountCreated> {
    requireStrongPassword(request.owner.password, '/body/owner/password');
    return this.commands.createAccount(request);
  }

  @Put('internal/accounts/:accountId/plan')
  @HttpCode(204)
  @UseGuards(InternalApiKeyGuard)
  @ApiSecurity('internal-api-key')
  @ApiOperation({ summary: "Change an account's subscription plan (internal API key)" })
  @ApiParamsFrom(AccountIdParams)
  @ApiBodyFrom(ChangePlanRequest)
  async changePlan(
    @Param(new SchemaPipe(AccountIdParams, 'params')) { accountId }: Static<typeof AccountIdParams>,
    @Body(new SchemaPipe(ChangePlanRequest, 'body')) { plan }: Static<typeof ChangePlanRequest>,
  ): Promise<void> {
    await this.commands.changePlan(accountId, plan);
  }

  @Get('account/settings')
  @UseGuards(SignedInUserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "The signed-in user's account settings" })
  @ApiOkFrom(AccountSettings)
  async settings(@SignedInUser() user: UserRecord): Promise<AccountSettings> {
    const account = await this.directory.account(user.accountId);
    if (!account) throw new NotFoundError(`account ${user.accountId}`);
    return { invitationsEnabled: account.invitationsEnabled };
  }

  @Patch('account/settings')
  @UseGuards(SignedInUserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change account settings (owners and admins)' })
  @ApiBodyFrom(AccountSettings)
  @ApiOkFrom(AccountSettings)
  async changeSettings(
    @SignedInUser() user: UserRecord,
    @Body(new SchemaPipe(AccountSettings, 'body')) settings: Static<typeof AccountSettings>,
  ): Promise<AccountSettings> {
    await this.commands.changeSettings(user, settings.invitationsEnabled);
    return settings;
  }
}
