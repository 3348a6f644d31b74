import { AccessPermissions, AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { viewableIntegrations } from '@faultline/access-policy';
import { ErrorDetails, ErrorIdParams, ErrorsExportQuery, ErrorsListQuery, ErrorsPage } from '@faultline/contracts';
import { ApiOkFrom, ApiParamsFrom, ApiQueryFrom, NotFoundError, SchemaPipe } from '@faultline/platform';
import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { ErrorDetailsQuery } from '../error-details/error-details.query';
import { writeErrorsCsv } from './errors-export.csv';
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
    private readonly details: ErrorDetailsQuery,
    private readonly permissions: AccessPermissions,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List errors, newest first, with their total; filters combine' })
  @ApiQueryFrom(ErrorsListQuery)
  @ApiOkFrom(ErrorsPage)
  async list(
    @AuthenticatedUser() user: AccessUser,
    @Query(new SchemaPipe(ErrorsListQuery, 'query')) query: Static<typeof ErrorsListQuery>,
  ): Promise<ErrorsPage> {
    if (query.integrationId) await this.permissions.require(user, query.integrationId, 'viewErrors');
    return this.queries.page(scopeOf(user), query);
  }

  @Get('export.csv')
  @ApiOperation({ summary: 'Every error matching the filters as CSV, streamed' })
  @ApiResponse({ status: 200, description: 'One row per error, with a header row', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiQueryFrom(ErrorsExportQuery)
  async exportCsv(
    @AuthenticatedUser() user: AccessUser,
    @Query(new SchemaPipe(ErrorsExportQuery, 'query')) query: Static<typeof ErrorsExportQuery>,
    @Res() response: Response,
  ): Promise<void> {
    if (query.integrationId) await this.permissions.require(user, query.integrationId, 'viewErrors');
    response.status(200).type('text/csv; charset=utf-8').setHeader('content-disposition', 'attachment; filename="errors.csv"');
    await writeErrorsCsv(this.queries.walk(scopeOf(user), query, EXPORT_PAGE_SIZE), response);
  }

  @Get(':errorId')
  @ApiOperation({ summary: 'One error: every field, its retry data, related errors and its history' })
  @ApiParamsFrom(ErrorIdParams)
  @ApiOkFrom(ErrorDetails)
  async get(
    @AuthenticatedUser() user: AccessUser,
    @Param(new SchemaPipe(ErrorIdParams, 'params')) { errorId }: Static<typeof ErrorIdParams>,
  ): Promise<ErrorDetails> {
    const details = await this.details.details(scopeOf(user), errorId);
    if (!details) throw new NotFoundError(`error ${errorId}`);
    return details;
  }
}

const EXPORT_PAGE_SIZE = 2_000;

export const scopeOf = (user: AccessUser): ReaderScope => ({
  accountId: user.accountId,
  integrationIds: viewableIntegrations(user),
  userId: user.userId,
});
