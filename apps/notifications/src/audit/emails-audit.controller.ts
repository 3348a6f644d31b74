import { AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { requireAdministrator } from '@faultline/access-policy';
import { AuditedEmail, EmailParams, EmailsPage, EmailsQuery } from '@faultline/contracts';
import { ApiOkFrom, ApiParamsFrom, ApiQueryFrom, CLOCK, Clock, SchemaPipe } from '@faultline/platform';
import { Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { EmailSender } from '../emails/email.sender';
import { EmailsAudit } from './emails-audit';

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('emails')
export class EmailsAuditController {
  constructor(
    private readonly audit: EmailsAudit,
    private readonly sender: EmailSender,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "Every email of the caller's account, newest first: recipient, kind, errors, time, SMTP message id, failures (owners and admins)" })
  @ApiQueryFrom(EmailsQuery)
  @ApiOkFrom(EmailsPage)
  emails(@AuthenticatedUser() user: AccessUser, @Query(new SchemaPipe(EmailsQuery, 'query')) query: Static<typeof EmailsQuery>): Promise<EmailsPage> {
    requireAdministrator(user, 'see the emails of the account');
    return this.audit.page(user.accountId, query);
  }

  @Post(':emailId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a permanently failed email again (409 when it has not failed)' })
  @ApiParamsFrom(EmailParams)
  @ApiOkFrom(AuditedEmail)
  async retry(@AuthenticatedUser() user: AccessUser, @Param(new SchemaPipe(EmailParams, 'params')) { emailId }: Static<typeof EmailParams>): Promise<AuditedEmail> {
    requireAdministrator(user, 'send the emails of the account again');
    const email = await this.audit.retry(user.accountId, emailId, this.clock.now());
    this.sender.nudge();
    return email;
  }
}
