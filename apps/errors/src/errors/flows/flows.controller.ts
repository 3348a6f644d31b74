import { AccessPermissions, AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { accessTo, covers, PermissionRefused } from '@faultline/access-policy';
import { ActivityPage, FlowParams, FlowSettingsRequest, FlowView, PageQuery, PendingRetries, PendingRetriesQuery } from '@faultline/contracts';
import { ApiBodyFrom, ApiOkFrom, ApiParamsFrom, ApiQueryFrom, CLOCK, Clock, SchemaPipe } from '@faultline/platform';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { ActivityLogQueries } from '../activity/activity-log.query';
import { ErrorsWriter } from '../errors-writer';
import { PendingRetriesQueries } from '../retries/pending-retries.query';
import * as flowDecider from './flow.decider';
import { FlowCommand, flowStreamId } from './flow.decider';
import { FlowsQueries } from './flows.query';

/**
 * One flow of an integration: its state (disabled by a 6000 or not), its settings, its activity
 * log and its pending retries. Viewing takes monitor access; re-enabling the automation or
 * changing its settings changes the integration, so it takes manage access.
 */
@ApiTags('flows')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('integrations/:integrationId/flows/:flowId')
export class FlowsController {
  constructor(
    private readonly permissions: AccessPermissions,
    private readonly writer: ErrorsWriter,
    private readonly flows: FlowsQueries,
    private readonly activity: ActivityLogQueries,
    private readonly retries: PendingRetriesQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "The flow's state and settings" })
  @ApiParamsFrom(FlowParams)
  @ApiOkFrom(FlowView)
  async get(@AuthenticatedUser() user: AccessUser, @Param(new SchemaPipe(FlowParams, 'params')) flow: Static<typeof FlowParams>): Promise<FlowView> {
    await this.permissions.require(user, flow.integrationId, 'viewErrors');
    return this.flows.flow(user.accountId, flow);
  }

  @Put('settings')
  @ApiOperation({ summary: 'Change the flow’s settings (autoResolveMatchingTraceKey)' })
  @ApiParamsFrom(FlowParams)
  @ApiBodyFrom(FlowSettingsRequest)
  @ApiOkFrom(FlowView)
  async settings(
    @AuthenticatedUser() user: AccessUser,
    @Param(new SchemaPipe(FlowParams, 'params')) flow: Static<typeof FlowParams>,
    @Body(new SchemaPipe(FlowSettingsRequest, 'body')) body: Static<typeof FlowSettingsRequest>,
  ): Promise<FlowView> {
    return this.decide(user, flow, (by) => ({ type: 'ChangeFlowSettings', data: { ...flow, by, ...body } }));
  }

  @Post('enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-enable an automation a severity 6000 disabled' })
  @ApiParamsFrom(FlowParams)
  @ApiOkFrom(FlowView)
  async enable(@AuthenticatedUser() user: AccessUser, @Param(new SchemaPipe(FlowParams, 'params')) flow: Static<typeof FlowParams>): Promise<FlowView> {
    return this.decide(user, flow, (by) => ({ type: 'ReenableAutomation', data: { ...flow, by, now: this.clock.now() } }));
  }

  @Get('activity')
  @ApiOperation({ summary: 'Every failure the flow reported, newest first, paginated' })
  @ApiParamsFrom(FlowParams)
  @ApiQueryFrom(PageQuery)
  @ApiOkFrom(ActivityPage)
  async activityLog(
    @AuthenticatedUser() user: AccessUser,
    @Param(new SchemaPipe(FlowParams, 'params')) flow: Static<typeof FlowParams>,
    @Query(new SchemaPipe(PageQuery, 'query')) page: Static<typeof PageQuery>,
  ): Promise<ActivityPage> {
    await this.permissions.require(user, flow.integrationId, 'viewErrors');
    return this.activity.page(user.accountId, flow, page);
  }

  @Get('retries')
  @ApiOperation({ summary: 'Automatic and manual retries the runtime has not picked up yet, soonest first' })
  @ApiParamsFrom(FlowParams)
  @ApiQueryFrom(PendingRetriesQuery)
  @ApiOkFrom(PendingRetries)
  async pendingRetries(
    @AuthenticatedUser() user: AccessUser,
    @Param(new SchemaPipe(FlowParams, 'params')) flow: Static<typeof FlowParams>,
    @Query(new SchemaPipe(PendingRetriesQuery, 'query')) query: Static<typeof PendingRetriesQuery>,
  ): Promise<PendingRetries> {
    await this.permissions.require(user, flow.integrationId, 'viewErrors');
    return this.retries.pending(user.accountId, { ...flow, ...query }, this.clock.now());
  }

  private async decide(user: AccessUser, flow: FlowParams, command: (by: { type: 'user'; id: string }) => FlowCommand): Promise<FlowView> {
    requireManage(user, flow.integrationId);
    await this.writer.run(user, async (work) => {
      const streamId = flowStreamId(user.accountId, flow.flowId);
      await work.session.load(work.manager, flowDecider, [streamId]);
      work.session.decide(streamId, command({ type: 'user', id: user.userId }), work.metadata);
    });
    return this.flows.flow(user.accountId, flow);
  }
}

function requireManage(user: AccessUser, integrationId: string): void {
  if (user.status !== 'active' || !covers(accessTo(user, integrationId), 'manage')) {
    throw new PermissionRefused('NO_ACCESS_TO_INTEGRATION', `changing a flow of integration ${integrationId} takes manage access`);
  }
}
