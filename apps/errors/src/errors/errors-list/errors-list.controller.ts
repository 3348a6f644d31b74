import { AccessPermissions, AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { viewableIntegrations } from '@faultline/access-policy';
import { ErrorIdParams, ErrorListItem, ErrorsListQuery, ErrorsPage } from '@faultline/contracts';
import { ApiOkFrom, ApiParamsFrom, ApiQueryFrom, NotFoundError, SchemaPipe } from '@faultline/platform';
import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { ErrorsListQueries, ReaderScope } from './errors-list.query';

/**
 * The admin API's view of errors: the signed-in user's account, within the integrations they
 * may view (owners and admins: all).
 *
 * Parameters are typed `Static<typeof Schema>`, not by the schema's own name: decorator
 * metadata would otherwise hand the schema object to OpenAPI as the parameter's class.
 */
@ApiTags('errors')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('errors')
export class ErrorsListController {
  constructor(
    private readonly queries: ErrorsListQueries,
    private readonly permissions: AccessPermissions,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List errors, newest first, filtered by integration, flow, step, status, class and severity' })
  @ApiQueryFrom(ErrorsListQuery)
  @ApiOkFrom(ErrorsPage)
  async list(
    @AuthenticatedUser() user: AccessUser,
    @Query(new SchemaPipe(ErrorsListQuery, 'query')) query: Static<typeof ErrorsListQuery>,
  ): Promise<ErrorsPage> {
    if (query.integrationId) await this.permissions.require(user.userId, query.integrationId, 'viewErrors');
    return this.queries.page(scopeOf(user), query);
  }

  @Get(':errorId')
  @ApiOperation({ summary: 'One error' })
  @ApiParamsFrom(ErrorIdParams)
  @ApiOkFrom(ErrorListItem)
  async get(
    @AuthenticatedUser() user: AccessUser,
    @Param(new SchemaPipe(ErrorIdParams, 'params')) { errorId }: Static<typeof ErrorIdParams>,
  ): Promise<ErrorListItem> {
    const item = await this.queries.byId(scopeOf(user), errorId);
    if (!item) throw new NotFoundError(`error ${errorId}`);
    return item;
  }
}

const scopeOf = (user: AccessUser): ReaderScope => ({ accountId: user.accountId, integrationIds: viewableIntegrations(user) });
