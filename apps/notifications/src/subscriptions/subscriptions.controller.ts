import { AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { SubscriberParams, SubscriptionParams, Subscriptions } from '@faultline/contracts';
import { ApiOkFrom, ApiParamsFrom, SchemaPipe } from '@faultline/platform';
import { Controller, Delete, Get, HttpCode, Param, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('error notifications')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('users/:userId/subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @ApiOperation({ summary: "The flows whose error notifications a user gets (`me`, or any user for owners and admins)" })
  @ApiParamsFrom(SubscriberParams)
  @ApiOkFrom(Subscriptions)
  list(@AuthenticatedUser() user: AccessUser, @Param(new SchemaPipe(SubscriberParams, 'params')) { userId }: Static<typeof SubscriberParams>) {
    return this.subscriptions.list(user, userId);
  }

  @Put(':integrationId/:flowId')
  @ApiOperation({ summary: "Subscribe to a flow's error notifications; the user must be able to monitor its integration" })
  @ApiParamsFrom(SubscriptionParams)
  @ApiOkFrom(Subscriptions)
  subscribe(@AuthenticatedUser() user: AccessUser, @Param(new SchemaPipe(SubscriptionParams, 'params')) { userId, ...flow }: Static<typeof SubscriptionParams>) {
    return this.subscriptions.subscribe(user, userId, flow);
  }

  @Delete(':integrationId/:flowId')
  @HttpCode(204)
  @ApiOperation({ summary: "Unsubscribe from a flow's error notifications" })
  @ApiParamsFrom(SubscriptionParams)
  async unsubscribe(@AuthenticatedUser() user: AccessUser, @Param(new SchemaPipe(SubscriptionParams, 'params')) { userId, ...flow }: Static<typeof SubscriptionParams>) {
    await this.subscriptions.unsubscribe(user, userId, flow);
  }
}
