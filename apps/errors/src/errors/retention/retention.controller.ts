import { AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { requireAdministrator } from '@faultline/access-policy';
import { RetentionSettings, RetentionView } from '@faultline/contracts';
import { ApiBodyFrom, ApiOkFrom, CLOCK, Clock, SchemaPipe } from '@faultline/platform';
import { Body, Controller, Get, Inject, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { DataSource } from 'typeorm';
import { ERRORS_CONFIG, ErrorsConfig } from '../../errors.config';
import { ErrorsWriter } from '../errors-writer';
import * as retention from './retention.decider';
import { retentionAt, retentionStreamId, SHORTENING_NOTICE_DAYS } from './retention.decider';

/** How long the account keeps errors after they last occurred; owners and admins change it. */
@ApiTags('settings')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('settings/retention')
export class RetentionController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ErrorsWriter,
    @Inject(ERRORS_CONFIG) private readonly config: ErrorsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "The account's retention period in days, and a shorter one waiting out its notice" })
  @ApiOkFrom(RetentionView)
  get(@AuthenticatedUser() user: AccessUser): Promise<RetentionView> {
    return this.view(user.accountId);
  }

  @Put()
  @ApiOperation({ summary: `Change the retention period (owners and admins); a shorter one takes effect after ${SHORTENING_NOTICE_DAYS} days` })
  @ApiBodyFrom(RetentionSettings)
  @ApiOkFrom(RetentionView)
  async change(@AuthenticatedUser() user: AccessUser, @Body(new SchemaPipe(RetentionSettings, 'body')) body: Static<typeof RetentionSettings>): Promise<RetentionView> {
    requireAdministrator(user, 'change the retention period');
    const at = this.clock.now();
    await this.writer.run(user, async (work) => {
      const streamId = retentionStreamId(user.accountId);
      await work.session.load(work.manager, retention, [streamId]);
      const command = { accountId: user.accountId, days: body.days, by: work.actor, at, defaultDays: this.config.retention.defaultDays };
      work.session.decide(streamId, { type: 'ChangeRetention', data: command }, work.metadata);
    });
    return this.view(user.accountId, at);
  }

  private async view(accountId: string, at = this.clock.now()): Promise<RetentionView> {
    const [row] = (await this.dataSource.query(
      'SELECT days, shortening_days, shortening_effective_at FROM account_retention WHERE account_id = $1',
      [accountId],
    )) as Array<{ days: number; shortening_days: number | null; shortening_effective_at: Date | null }>;
    const shortening =
      row?.shortening_effective_at && row.shortening_days !== null ? { days: row.shortening_days, effectiveAt: row.shortening_effective_at.toISOString() } : undefined;
    const { days, shortening: toCome } = retentionAt({ days: row?.days, shortening }, at, this.config.retention.defaultDays);
    const view = { days, shorteningNoticeDays: SHORTENING_NOTICE_DAYS };
    return toCome ? { ...view, shortening: toCome } : view;
  }
}
