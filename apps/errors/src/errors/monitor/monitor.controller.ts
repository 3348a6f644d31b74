import { AccessPermissions, AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { ErrorsTimeline, MonitorQuery, MonitorView, TimelineQuery } from '@faultline/contracts';
import { ApiOkFrom, ApiQueryFrom, CLOCK, Clock, SchemaPipe } from '@faultline/platform';
import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { scopeOf } from '../errors-list/errors-list.controller';
import { MonitorQueries } from './monitor.query';

/** The dashboard: open errors per integration, flow and step, assigned or not, and per tag. */
@ApiTags('errors')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('monitor')
export class MonitorController {
  constructor(
    private readonly monitorQueries: MonitorQueries,
    private readonly permissions: AccessPermissions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Counts of open errors for the dashboard' })
  @ApiQueryFrom(MonitorQuery)
  @ApiOkFrom(MonitorView)
  async monitor(@AuthenticatedUser() user: AccessUser, @Query(new SchemaPipe(MonitorQuery, 'query')) query: Static<typeof MonitorQuery>): Promise<MonitorView> {
    if (query.integrationId) await this.permissions.require(user, query.integrationId, 'viewErrors');
    return this.monitorQueries.counts(scopeOf(user), query.integrationId);
  }

  @Get('timeline')
  @ApiOperation({ summary: 'New errors per hour (periods up to 48 hours) or per day, for the chart' })
  @ApiQueryFrom(TimelineQuery)
  @ApiOkFrom(ErrorsTimeline)
  async timeline(@AuthenticatedUser() user: AccessUser, @Query(new SchemaPipe(TimelineQuery, 'query')) query: Static<typeof TimelineQuery>): Promise<ErrorsTimeline> {
    if (query.integrationId) await this.permissions.require(user, query.integrationId, 'viewErrors');
    return this.monitorQueries.timeline(scopeOf(user), query.integrationId, query.hours, this.clock.now());
  }
}
