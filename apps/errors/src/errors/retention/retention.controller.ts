import { AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { requireAdministrator } from '@faultline/access-policy';
import { RetentionSettings } from '@faultline/contracts';
import { ApiBodyFrom, ApiOkFrom, SchemaPipe } from '@faultline/platform';
import { Body, Controller, Get, Inject, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { DataSource } from 'typeorm';
import { ERRORS_CONFIG, ErrorsConfig } from '../../errors.config';
import { ErrorsWriter } from '../errors-writer';
import * as retention from './retention.decider';
import { retentionStreamId } from './retention.decider';

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
  ) {}

  @Get()
  @ApiOperation({ summary: "The account's retention period in days" })
  @ApiOkFrom(RetentionSettings)
  async get(@AuthenticatedUser() user: AccessUser): Promise<RetentionSettings> {
    const [row] = await this.dataSource.query('SELECT days FROM account_retention WHERE account_id = $1', [user.accountId]);
    return { days: (row as { days: number } | undefined)?.days ?? this.config.retention.defaultDays };
  }

  @Put()
  @ApiOperation({ summary: 'Change the retention period (owners and admins)' })
  @ApiBodyFrom(RetentionSettings)
  @ApiOkFrom(RetentionSettings)
  async change(@AuthenticatedUser() user: AccessUser, @Body(new SchemaPipe(RetentionSettings, 'body')) body: Static<typeof RetentionSettings>): Promise<RetentionSettings> {
    requireAdministrator(user, 'change the retention period');
    await this.writer.run(user, async (work) => {
      const streamId = retentionStreamId(user.accountId);
      await work.session.load(work.manager, retention, [streamId]);
      work.session.decide(streamId, { type: 'ChangeRetention', data: { accountId: user.accountId, days: body.days, by: work.actor } }, work.metadata);
    });
    return { days: body.days };
  }
}
