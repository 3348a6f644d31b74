import { ApiTokenParams, ApiTokenUsage, ApiTokenView, CreateApiTokenRequest, CreatedApiToken } from '@faultline/contracts';
import { ApiTokens } from '@faultline/access';
import { requireAdministrator } from '@faultline/access-policy';
import { ApiAnswerFrom, ApiBodyFrom, ApiOkFrom, ApiParamsFrom, SchemaPipe } from '@faultline/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Static, Type } from '@sinclair/typebox';
import { requirePerson, SignedInUser, SignedInUserGuard } from '../access/signed-in-user.guard';
import { DirectoryQueries, UserRecord } from '../directory/directory.queries';
import { IdentityCommands } from '../identity.commands';

/**
 * Machine API tokens, for admin-API clients and contract-test suites: owners and admins make,
 * list and revoke them; an admin token may list them, never make or revoke one.
 */
@ApiTags('api-tokens')
@ApiBearerAuth()
@UseGuards(SignedInUserGuard)
@Controller('api-tokens')
export class ApiTokensController {
  constructor(
    private readonly commands: IdentityCommands,
    private readonly directory: DirectoryQueries,
    private readonly apiTokens: ApiTokens,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an API token (read, triage or admin scope; optional expiry). The token is in this answer only.' })
  @ApiBodyFrom(CreateApiTokenRequest)
  @ApiAnswerFrom(201, CreatedApiToken)
  create(@SignedInUser() actor: UserRecord, @Body(new SchemaPipe(CreateApiTokenRequest, 'body')) request: Static<typeof CreateApiTokenRequest>): Promise<CreatedApiToken> {
    requirePerson(actor, 'make API tokens');
    return this.commands.createApiToken(actor, request);
  }

  @Get()
  @ApiOperation({ summary: "The account's API tokens, revoked ones included (never the tokens themselves)" })
  @ApiOkFrom(Type.Array(ApiTokenView))
  list(@SignedInUser() actor: UserRecord): Promise<ApiTokenView[]> {
    requireAdministrator(actor, 'see API tokens');
    return this.directory.apiTokens(actor.accountId);
  }

  @Get('usage')
  @ApiOperation({ summary: "When each of the account's API tokens was last used on identity (owners and admins)" })
  @ApiOkFrom(ApiTokenUsage)
  async usage(@SignedInUser() actor: UserRecord): Promise<ApiTokenUsage> {
    requireAdministrator(actor, 'see how API tokens are used');
    return { items: await this.apiTokens.lastUses(actor.accountId) };
  }

  @Delete(':tokenId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API token: every service refuses it from then on' })
  @ApiParamsFrom(ApiTokenParams)
  async revoke(@SignedInUser() actor: UserRecord, @Param(new SchemaPipe(ApiTokenParams, 'params')) { tokenId }: Static<typeof ApiTokenParams>): Promise<void> {
    requirePerson(actor, 'revoke API tokens');
    await this.commands.revokeApiToken(actor, tokenId);
  }
}
