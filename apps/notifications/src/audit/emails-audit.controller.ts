import { AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { isAdministrator, PermissionRefused } from '@faultline/access-policy';
import { EmailsPage, EmailsQuery } from '@faultline/contracts';
import { ApiOkFrom, ApiQueryFrom, SchemaPipe } from '@faultline/platform';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { EmailsAudit } from './emails-audit';

@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('emails')
export class EmailsAuditController {
  constructor(private readonly audit: EmailsAudit) {}

  @Get()
  @ApiOperation({ summary: "Every email of the caller's account, newest first: recipient, kind, errors, time, SMTP message id, failures (owners and admins)" })
  @ApiQueryFrom(EmailsQuery)
  @ApiOkFrom(EmailsPage)
  emails(@AuthenticatedUser() user: AccessUser, @Query(new SchemaPipe(EmailsQuery, 'query')) query: Static<typeof EmailsQuery>): Promise<EmailsPage> {
    if (!isAdministrator(user.role)) throw new PermissionRefused('ADMINISTRATORS_ONLY', 'only owners and admins see the emails sent in the account');
    return this.audit.page(user.accountId, query);
  }
}
