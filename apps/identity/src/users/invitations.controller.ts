import { AcceptInvitationRequest, InvitationPreview, InvitationTokenParams, Invitee, InviteRequest, PendingInvitation, UserIdParams, UserSummary } from '@faultline/contracts';
import { ApiAnswerFrom, ApiBodyFrom, ApiOkFrom, ApiParamsFrom, NotFoundError, SchemaPipe } from '@faultline/platform';
import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Static, Type } from '@sinclair/typebox';
import { SignedInUser, SignedInUserGuard } from '../access/signed-in-user.guard';
import { hashInvitationToken } from '../credentials/invitation-token';
import { DirectoryQueries, UserRecord, userView } from '../directory/directory.queries';
import { refuseGrantOnInvitation } from '@faultline/access-policy';
import { userSummary } from '../directory/user-summary';
import { requireStrongPassword } from '../credentials/password-policy';
import { IdentityCommands } from '../identity.commands';

/**
 * Invitations: made by owners and admins (members when the account allows it), accepted by
 * the invitee with the token from their email. The token itself is never returned here.
 */
@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(
    private readonly commands: IdentityCommands,
    private readonly directory: DirectoryQueries,
  ) {}

  @Post()
  @UseGuards(SignedInUserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Invite an email (again: re-sends a pending invitation)' })
  @ApiBodyFrom(InviteRequest)
  @ApiAnswerFrom(201, Invitee)
  async invite(
    @SignedInUser() inviter: UserRecord,
    @Body(new SchemaPipe(InviteRequest, 'body')) request: Static<typeof InviteRequest>,
  ): Promise<Invitee> {
    const invitee = await this.commands.invite(inviter, { ...request, access: request.access ?? {}, fromAssignment: false });
    return { ...userSummary(invitee), expiresAt: invitee.invitationExpiresAt };
  }

  @Get()
  @UseGuards(SignedInUserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Pending invitations of the account (for a member: those within their own grants)' })
  @ApiOkFrom(Type.Array(PendingInvitation))
  async pending(@SignedInUser() user: UserRecord): Promise<PendingInvitation[]> {
    // Seed 000's table: a member manages only the invitations they could have sent.
    const invitees = (await this.directory.users(user.accountId, 'invited')).filter((invitee) => !refuseGrantOnInvitation(userView(user), invitee));
    const names = await this.directory.actorNames(invitees.flatMap((invitee) => (invitee.invitedBy ? [invitee.invitedBy] : [])));
    return invitees.map((invitee) => ({
      ...userSummary(invitee),
      invitedBy: invitee.invitedBy,
      invitedByName: (invitee.invitedBy && names.get(invitee.invitedBy)) ?? null,
      expiresAt: invitee.invitationExpiresAt,
    }));
  }

  @Post(':userId/revoke')
  @HttpCode(204)
  @UseGuards(SignedInUserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke a pending invitation' })
  @ApiParamsFrom(UserIdParams)
  async revoke(
    @SignedInUser() actor: UserRecord,
    @Param(new SchemaPipe(UserIdParams, 'params')) { userId }: Static<typeof UserIdParams>,
  ): Promise<void> {
    await this.commands.revokeInvitation(actor, userId);
  }

  @Post(':userId/resend')
  @HttpCode(200)
  @UseGuards(SignedInUserGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Send a pending invitation again, with a new link' })
  @ApiParamsFrom(UserIdParams)
  @ApiOkFrom(Invitee)
  async resend(
    @SignedInUser() actor: UserRecord,
    @Param(new SchemaPipe(UserIdParams, 'params')) { userId }: Static<typeof UserIdParams>,
  ): Promise<Invitee> {
    const invitee = await this.commands.resendInvitation(actor, userId);
    return { ...userSummary(invitee), expiresAt: invitee.invitationExpiresAt };
  }

  @Get('by-token/:token')
  @ApiOperation({ summary: 'What an invitation link is for (public: the token is the credential)' })
  @ApiParamsFrom(InvitationTokenParams)
  @ApiOkFrom(InvitationPreview)
  async byToken(@Param(new SchemaPipe(InvitationTokenParams, 'params')) { token }: Static<typeof InvitationTokenParams>): Promise<InvitationPreview> {
    const invitee = await this.directory.userByInvitationToken(hashInvitationToken(token));
    const account = invitee && (await this.directory.account(invitee.accountId));
    if (!invitee || !account) throw new NotFoundError('invitation');
    const invitedByName = invitee.invitedBy ? ((await this.directory.actorNames([invitee.invitedBy])).get(invitee.invitedBy) ?? null) : null;
    return { email: invitee.email, role: invitee.role, accountName: account.name, invitedByName, expiresAt: invitee.invitationExpiresAt };
  }

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an invitation: set name and password; then sign in' })
  @ApiBodyFrom(AcceptInvitationRequest)
  @ApiOkFrom(UserSummary)
  async accept(@Body(new SchemaPipe(AcceptInvitationRequest, 'body')) request: Static<typeof AcceptInvitationRequest>): Promise<UserSummary> {
    requireStrongPassword(request.password, '/body/password');
    return userSummary(await this.commands.acceptInvitation(request.token, request));
  }
}
