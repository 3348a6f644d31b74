import { AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import {
  BulkActionResult,
  EditRetryDataRequest,
  ErrorIdParams,
  ErrorsByFilterRequest,
  ReopenErrorsRequest,
  ResolveErrorsRequest,
  RetryErrorsRequest,
  TagErrorsRequest,
} from '@faultline/contracts';
import { ApiBodyFrom, ApiOkFrom, ApiParamsFrom, SchemaPipe } from '@faultline/platform';
import { Body, Controller, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { ErrorActions } from './error-actions.service';

/**
 * Acting on errors: one or many (up to 1,000 ids), or every error a filter matches. Anyone
 * who may view an error's integration may act on it; a request naming an error they may not
 * view is refused as a whole.
 */
@ApiTags('errors')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('errors')
export class ErrorActionsController {
  constructor(private readonly actions: ErrorActions) {}

  @Post('resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve errors (already resolved ones are left as they are)' })
  @ApiBodyFrom(ResolveErrorsRequest)
  @ApiOkFrom(BulkActionResult)
  resolve(@AuthenticatedUser() user: AccessUser, @Body(new SchemaPipe(ResolveErrorsRequest, 'body')) body: Static<typeof ResolveErrorsRequest>) {
    return this.actions.resolve(user, body.errorIds, body.note);
  }

  @Post('reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen resolved errors' })
  @ApiBodyFrom(ReopenErrorsRequest)
  @ApiOkFrom(BulkActionResult)
  reopen(@AuthenticatedUser() user: AccessUser, @Body(new SchemaPipe(ReopenErrorsRequest, 'body')) body: Static<typeof ReopenErrorsRequest>) {
    return this.actions.reopen(user, body.errorIds);
  }

  @Post('retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retry open errors with their (edited) retry data: RetryRequested to the runtime' })
  @ApiBodyFrom(RetryErrorsRequest)
  @ApiOkFrom(BulkActionResult)
  retry(@AuthenticatedUser() user: AccessUser, @Body(new SchemaPipe(RetryErrorsRequest, 'body')) body: Static<typeof RetryErrorsRequest>) {
    return this.actions.retry(user, body.errorIds, body.notBefore === undefined ? undefined : new Date(body.notBefore));
  }

  @Post('tags')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add and remove tags on errors (at most 3 tags per error)' })
  @ApiBodyFrom(TagErrorsRequest)
  @ApiOkFrom(BulkActionResult)
  tag(@AuthenticatedUser() user: AccessUser, @Body(new SchemaPipe(TagErrorsRequest, 'body')) body: Static<typeof TagErrorsRequest>) {
    return this.actions.tag(user, body.errorIds, body.add ?? [], body.remove ?? []);
  }

  @Post('by-filter')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve, retry or tag every error matching a filter; dryRun counts them first' })
  @ApiBodyFrom(ErrorsByFilterRequest)
  @ApiOkFrom(BulkActionResult)
  byFilter(@AuthenticatedUser() user: AccessUser, @Body(new SchemaPipe(ErrorsByFilterRequest, 'body')) body: Static<typeof ErrorsByFilterRequest>) {
    return this.actions.byFilter(user, body, body.dryRun ?? false);
  }

  @Put(':errorId/retry-data')
  @ApiOperation({ summary: 'Replace the retry data an open error will be retried with' })
  @ApiParamsFrom(ErrorIdParams)
  @ApiBodyFrom(EditRetryDataRequest)
  @ApiOkFrom(BulkActionResult)
  editRetryData(
    @AuthenticatedUser() user: AccessUser,
    @Param(new SchemaPipe(ErrorIdParams, 'params')) { errorId }: Static<typeof ErrorIdParams>,
    @Body(new SchemaPipe(EditRetryDataRequest, 'body')) body: Static<typeof EditRetryDataRequest>,
  ): Promise<BulkActionResult> {
    return this.actions.editRetryData(user, errorId, body.retryData);
  }
}
