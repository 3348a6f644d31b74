import { requireAdministrator } from '@faultline/access-policy';
import { ApiTokenUsage } from '@faultline/contracts';
import { ApiOkFrom } from '@faultline/platform';
import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessTokenGuard, AuthenticatedUser } from './access-token.guard';
import type { AccessUser } from './access.read-model';
import { ApiTokens } from './api-tokens';

/** When the account's machine tokens were last used on this service: owners and admins. */
@ApiTags('api-tokens')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('api-tokens/usage')
export class ApiTokenUsageController {
  constructor(private readonly apiTokens: ApiTokens) {}

  @Get()
  @ApiOperation({ summary: "When each of the account's API tokens was last used on this service (owners and admins)" })
  @ApiOkFrom(ApiTokenUsage)
  async usage(@AuthenticatedUser() user: AccessUser): Promise<ApiTokenUsage> {
    requireAdministrator(user, 'see how API tokens are used');
    return { items: await this.apiTokens.lastUses(user.accountId) };
  }
}
