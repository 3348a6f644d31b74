import { AccessPermissions, AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { viewableIntegrations } from '@faultline/access-policy';
import {
  AssignByFilterRequest,
  AssignByFilterResult,
  AssignmentHistory,
  AssignRequest,
  AssignResult,
  ClearAssignmentsRequest,
  ClearByFilterRequest,
  ErrorIdParams,
  InvitationRequestList,
  InvitationRequestParams,
  InvitationRequestsQuery,
  InvitationRequestStatus,
  Workload,
  WorkloadQuery,
} from '@faultline/contracts';
import { ApiBodyFrom, ApiOkFrom, ApiParamsFrom, ApiQueryFrom, RequestValidationError, SchemaPipe } from '@faultline/platform';
import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { Assignments } from './assignments.service';

@ApiTags('assignments')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller()
export class AssignmentsController {
  constructor(
    private readonly assignments: Assignments,
    private readonly permissions: AccessPermissions,
  ) {}

  @Post('assignments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign errors (up to 1,000) to a user or a new email; open errors with the same retry data key follow' })
  @ApiBodyFrom(AssignRequest)
  @ApiOkFrom(AssignResult)
  assign(@AuthenticatedUser() user: AccessUser, @Body(new SchemaPipe(AssignRequest, 'body')) body: Static<typeof AssignRequest>): Promise<AssignResult> {
    if ((body.assigneeUserId === undefined) === (body.email === undefined)) {
      throw new RequestValidationError([{ pointer: '/body/assigneeUserId', detail: 'give either assigneeUserId or email' }]);
    }
    return body.email !== undefined
      ? this.assignments.assignToEmail(user, body.errorIds, body.email)
      : this.assignments.assign(user, body.errorIds, body.assigneeUserId as string);
  }

  @Post('assignments/by-filter')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign every error a filter matches; dryRun counts them first' })
  @ApiBodyFrom(AssignByFilterRequest)
  @ApiOkFrom(AssignByFilterResult)
  assignByFilter(
    @AuthenticatedUser() user: AccessUser,
    @Body(new SchemaPipe(AssignByFilterRequest, 'body')) body: Static<typeof AssignByFilterRequest>,
  ): Promise<AssignByFilterResult> {
    return this.assignments.assignByFilter(user, body);
  }

  @Post('assignments/clear')
  @HttpCode(200)
  @ApiOperation({ summary: 'Clear the assignment of errors' })
  @ApiBodyFrom(ClearAssignmentsRequest)
  @ApiOkFrom(AssignResult)
  clear(
    @AuthenticatedUser() user: AccessUser,
    @Body(new SchemaPipe(ClearAssignmentsRequest, 'body')) body: Static<typeof ClearAssignmentsRequest>,
  ): Promise<AssignResult> {
    return this.assignments.clear(user, body.errorIds);
  }

  @Post('assignments/clear/by-filter')
  @HttpCode(200)
  @ApiOperation({ summary: 'Clear the assignment of every error a filter matches; dryRun counts them first' })
  @ApiBodyFrom(ClearByFilterRequest)
  @ApiOkFrom(AssignByFilterResult)
  clearByFilter(
    @AuthenticatedUser() user: AccessUser,
    @Body(new SchemaPipe(ClearByFilterRequest, 'body')) body: Static<typeof ClearByFilterRequest>,
  ): Promise<AssignByFilterResult> {
    return this.assignments.clearByFilter(user, body);
  }

  @Get('errors/:errorId/assignments')
  @ApiOperation({ summary: "An error's assignment history" })
  @ApiParamsFrom(ErrorIdParams)
  @ApiOkFrom(AssignmentHistory)
  history(@AuthenticatedUser() user: AccessUser, @Param(new SchemaPipe(ErrorIdParams, 'params')) { errorId }: Static<typeof ErrorIdParams>) {
    const viewable = viewableIntegrations(user);
    return this.assignments.history(user, errorId, (integrationId) => viewable === 'all' || viewable.includes(integrationId));
  }

  @Get('assignments/requests')
  @ApiOperation({ summary: 'Your own "assign to new user" requests, newest first (e.g. status=refused&since=… for what to tell you)' })
  @ApiQueryFrom(InvitationRequestsQuery)
  @ApiOkFrom(InvitationRequestList)
  invitationRequests(
    @AuthenticatedUser() user: AccessUser,
    @Query(new SchemaPipe(InvitationRequestsQuery, 'query')) query: Static<typeof InvitationRequestsQuery>,
  ): Promise<InvitationRequestList> {
    return this.assignments.invitationRequests(user, query);
  }

  @Get('assignments/requests/:requestId')
  @ApiOperation({ summary: 'Where an "assign to new user" request stands: pending, completed (with the assignee) or refused (with the rule)' })
  @ApiParamsFrom(InvitationRequestParams)
  @ApiOkFrom(InvitationRequestStatus)
  invitationRequest(
    @AuthenticatedUser() user: AccessUser,
    @Param(new SchemaPipe(InvitationRequestParams, 'params')) { requestId }: Static<typeof InvitationRequestParams>,
  ): Promise<InvitationRequestStatus> {
    return this.assignments.invitationRequest(user, requestId);
  }

  @Get('workload')
  @ApiOperation({ summary: 'Open errors per assignee in an integration (and flow)' })
  @ApiQueryFrom(WorkloadQuery)
  @ApiOkFrom(Workload)
  async workload(@AuthenticatedUser() user: AccessUser, @Query(new SchemaPipe(WorkloadQuery, 'query')) query: Static<typeof WorkloadQuery>): Promise<Workload> {
    await this.permissions.require(user, query.integrationId, 'viewErrors');
    return this.assignments.workload(user.accountId, query);
  }
}
