import { permissionsIn } from '@faultline/access-policy';
import { Permissions, PermissionsQuery } from '@faultline/contracts';
import { ApiOkFrom, ApiQueryFrom, NotFoundError, SchemaPipe } from '@faultline/platform';
import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { DirectoryQueries, UserRecord, userView } from '../directory/directory.queries';
import { SignedInUser, SignedInUserGuard } from './signed-in-user.guard';

/** Lets a client show only the actions the user may take (the services still check each one). */
@ApiTags('sign-in')
@ApiBearerAuth()
@UseGuards(SignedInUserGuard)
@Controller('me/permissions')
export class PermissionsController {
  constructor(private readonly directory: DirectoryQueries) {}

  @Get()
  @ApiOperation({ summary: 'What the signed-in user may do in one integration' })
  @ApiQueryFrom(PermissionsQuery)
  @ApiOkFrom(Permissions)
  async permissions(
    @SignedInUser() user: UserRecord,
    @Query(new SchemaPipe(PermissionsQuery, 'query')) { integrationId }: Static<typeof PermissionsQuery>,
  ): Promise<Permissions> {
    const account = await this.directory.account(user.accountId);
    if (!account) throw new NotFoundError(`account ${user.accountId}`);
    return permissionsIn(account, userView(user), integrationId);
  }
}
