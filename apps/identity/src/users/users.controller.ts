import { ChangeAccessRequest, ChangeRoleRequest, UserAccessParams, UserIdParams, UserSummary } from '@faultline/contracts';
import { ApiBodyFrom, ApiOkFrom, ApiParamsFrom, SchemaPipe } from '@faultline/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Static, Type } from '@sinclair/typebox';
import { SignedInUser, SignedInUserGuard } from '../access/signed-in-user.guard';
import { DirectoryQueries, UserRecord } from '../directory/directory.queries';
import { userSummary } from '../directory/user-summary';
import { IdentityCommands } from '../identity.commands';

/** The account's users: the assignee picker's list, and roles and access (owners, admins). */
@ApiTags('users')
@ApiBearerAuth()
@UseGuards(SignedInUserGuard)
@Controller('users')
export class UsersController {
  constructor(
    private readonly commands: IdentityCommands,
    private readonly directory: DirectoryQueries,
  ) {}

  @Get()
  @ApiOperation({ summary: "The account's active and invited users" })
  @ApiOkFrom(Type.Array(UserSummary))
  async list(@SignedInUser() user: UserRecord): Promise<UserSummary[]> {
    return (await this.directory.users(user.accountId)).map(userSummary);
  }

  @Put(':userId/role')
  @ApiOperation({ summary: "Change a user's role (owners and admins)" })
  @ApiParamsFrom(UserIdParams)
  @ApiBodyFrom(ChangeRoleRequest)
  @ApiOkFrom(UserSummary)
  async changeRole(
    @SignedInUser() actor: UserRecord,
    @Param(new SchemaPipe(UserIdParams, 'params')) { userId }: Static<typeof UserIdParams>,
    @Body(new SchemaPipe(ChangeRoleRequest, 'body')) { role }: Static<typeof ChangeRoleRequest>,
  ): Promise<UserSummary> {
    return userSummary(await this.commands.changeRole(actor, userId, role));
  }

  @Put(':userId/access/:integrationId')
  @ApiOperation({ summary: 'Grant or change access to an integration (owners and admins)' })
  @ApiParamsFrom(UserAccessParams)
  @ApiBodyFrom(ChangeAccessRequest)
  @ApiOkFrom(UserSummary)
  async grantAccess(
    @SignedInUser() actor: UserRecord,
    @Param(new SchemaPipe(UserAccessParams, 'params')) { userId, integrationId }: Static<typeof UserAccessParams>,
    @Body(new SchemaPipe(ChangeAccessRequest, 'body')) { level }: Static<typeof ChangeAccessRequest>,
  ): Promise<UserSummary> {
    return userSummary(await this.commands.changeAccess(actor, userId, integrationId, level));
  }

  @Delete(':userId/access/:integrationId')
  @ApiOperation({ summary: 'Revoke access to an integration (owners and admins)' })
  @ApiParamsFrom(UserAccessParams)
  @ApiOkFrom(UserSummary)
  async revokeAccess(
    @SignedInUser() actor: UserRecord,
    @Param(new SchemaPipe(UserAccessParams, 'params')) { userId, integrationId }: Static<typeof UserAccessParams>,
  ): Promise<UserSummary> {
    return userSummary(await this.commands.changeAccess(actor, userId, integrationId, null));
  }

  @Post(':userId/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a user (owners and admins): tokens refused, open errors unassigned, subscriptions dropped' })
  @ApiParamsFrom(UserIdParams)
  @ApiOkFrom(UserSummary)
  async deactivate(
    @SignedInUser() actor: UserRecord,
    @Param(new SchemaPipe(UserIdParams, 'params')) { userId }: Static<typeof UserIdParams>,
  ): Promise<UserSummary> {
    return userSummary(await this.commands.changeStatus(actor, userId, 'DeactivateUser'));
  }

  @Post(':userId/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a deactivated user (owners and admins), with the role and access they had' })
  @ApiParamsFrom(UserIdParams)
  @ApiOkFrom(UserSummary)
  async reactivate(
    @SignedInUser() actor: UserRecord,
    @Param(new SchemaPipe(UserIdParams, 'params')) { userId }: Static<typeof UserIdParams>,
  ): Promise<UserSummary> {
    return userSummary(await this.commands.changeStatus(actor, userId, 'ReactivateUser'));
  }
}
