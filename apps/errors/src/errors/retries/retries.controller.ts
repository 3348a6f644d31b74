import { AccessPermissions, AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { RetryParams } from '@faultline/contracts';
import { ApiParamsFrom, NotFoundError, SchemaPipe } from '@faultline/platform';
import { Controller, Delete, HttpCode, Param, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { ErrorsWriter } from '../errors-writer';
import { PendingRetriesQueries } from './pending-retries.query';
import * as retryDecider from './retry.decider';
import { retryStreamId } from './retry.decider';

@ApiTags('flows')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('retries')
export class RetriesController {
  constructor(
    private readonly permissions: AccessPermissions,
    private readonly writer: ErrorsWriter,
    private readonly retries: PendingRetriesQueries,
  ) {}

  @Delete(':retryId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel a pending retry before the runtime picks it up (409 once it is due)' })
  @ApiParamsFrom(RetryParams)
  async cancel(@AuthenticatedUser() user: AccessUser, @Param(new SchemaPipe(RetryParams, 'params')) { retryId }: Static<typeof RetryParams>): Promise<void> {
    const integrationId = await this.retries.integrationOf(user.accountId, retryId);
    if (!integrationId) throw new NotFoundError(`retry ${retryId}`);
    await this.permissions.require(user, integrationId, 'viewErrors');
    await this.writer.run(user, async (work) => {
      await work.session.load(work.manager, retryDecider, [retryStreamId(retryId)]);
      work.session.decide(retryStreamId(retryId), { type: 'CancelRetry', data: { by: work.actor, now: work.now } }, work.metadata);
    });
  }
}
