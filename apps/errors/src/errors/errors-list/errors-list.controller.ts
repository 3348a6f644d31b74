import { ErrorIdParams, ErrorListItem, ErrorsListQuery, ErrorsPage } from '@faultline/contracts';
import { ApiOkFrom, ApiParamsFrom, ApiQueryFrom, NotFoundError, SchemaPipe } from '@faultline/platform';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Static, Type } from '@sinclair/typebox';
import { ErrorsListQueries } from './errors-list.query';

const AccountScope = Type.Object({ accountId: ErrorsListQuery.properties.accountId }, { additionalProperties: false });

/**
 * The admin API's view of errors. Until identity lands, callers name the account they read;
 * once it does, the account comes from the caller's token instead.
 *
 * Parameters are typed `Static<typeof Schema>`, not by the schema's own name: decorator
 * metadata would otherwise hand the schema object to OpenAPI as the parameter's class.
 */
@ApiTags('errors')
@Controller('errors')
export class ErrorsListController {
  constructor(private readonly queries: ErrorsListQueries) {}

  @Get()
  @ApiOperation({ summary: 'List errors, newest first, filtered by integration, flow, step and status' })
  @ApiQueryFrom(ErrorsListQuery)
  @ApiOkFrom(ErrorsPage)
  list(@Query(new SchemaPipe(ErrorsListQuery, 'query')) query: Static<typeof ErrorsListQuery>): Promise<ErrorsPage> {
    return this.queries.page(query);
  }

  @Get(':errorId')
  @ApiOperation({ summary: 'One error' })
  @ApiParamsFrom(ErrorIdParams)
  @ApiQueryFrom(AccountScope)
  @ApiOkFrom(ErrorListItem)
  async get(
    @Param(new SchemaPipe(ErrorIdParams, 'params')) { errorId }: Static<typeof ErrorIdParams>,
    @Query(new SchemaPipe(AccountScope, 'query')) { accountId }: Static<typeof AccountScope>,
  ): Promise<ErrorListItem> {
    const item = await this.queries.byId(accountId, errorId);
    if (!item) throw new NotFoundError(`error ${errorId}`);
    return item;
  }
}
