import { AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { ChangeViewRequest, DefaultViewRequest, SavedView, SavedViewList, SaveViewRequest, VIEW_COLUMNS, ViewParams } from '@faultline/contracts';
import { ApiAnswerFrom, ApiBodyFrom, ApiOkFrom, ApiParamsFrom, SchemaPipe } from '@faultline/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ErrorsWriter } from '../errors-writer';
import * as userViews from './saved-views.decider';
import { SavedViewsCommand, userViewsStreamId, ViewNotFound } from './saved-views.decider';

interface ViewRow {
  view_id: string;
  owner_user_id: string;
  name: string;
  filter: SavedView['filter'];
  columns: SavedView['columns'];
  shared: boolean;
  is_default: boolean;
}

/**
 * Saved views of the Errors list: each user's own, and those their owners share with the
 * account. Only its owner changes or deletes a view; anyone may open a shared one or make it
 * their default.
 */
@ApiTags('views')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('views')
export class SavedViewsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ErrorsWriter,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My views and the views shared with the account, by name' })
  @ApiOkFrom(SavedViewList)
  async list(@AuthenticatedUser() user: AccessUser): Promise<SavedViewList> {
    const rows = await this.visible(user);
    return { items: rows.map((row) => viewOf(row, user)) };
  }

  @Post()
  @ApiOperation({ summary: 'Save the current filter and columns under a name (shared: for the whole account)' })
  @ApiBodyFrom(SaveViewRequest)
  @ApiAnswerFrom(201, SavedView)
  async save(@AuthenticatedUser() user: AccessUser, @Body(new SchemaPipe(SaveViewRequest, 'body')) body: Static<typeof SaveViewRequest>): Promise<SavedView> {
    const viewId = randomUUID();
    const view = { viewId, name: body.name, filter: body.filter, columns: body.columns ?? [...VIEW_COLUMNS], shared: body.shared };
    await this.decide(user, (by) => ({ type: 'SaveView', data: { view, ownerUserId: user.userId, by } }));
    return this.one(user, viewId);
  }

  @Patch(':viewId')
  @ApiOperation({ summary: 'Rename, re-filter, re-column, share or unshare one of my views' })
  @ApiParamsFrom(ViewParams)
  @ApiBodyFrom(ChangeViewRequest)
  @ApiOkFrom(SavedView)
  async change(
    @AuthenticatedUser() user: AccessUser,
    @Param(new SchemaPipe(ViewParams, 'params')) { viewId }: Static<typeof ViewParams>,
    @Body(new SchemaPipe(ChangeViewRequest, 'body')) changes: Static<typeof ChangeViewRequest>,
  ): Promise<SavedView> {
    await this.decide(user, (by) => ({ type: 'ChangeView', data: { viewId, ownerUserId: user.userId, changes, by } }));
    return this.one(user, viewId);
  }

  @Delete(':viewId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete one of my views' })
  @ApiParamsFrom(ViewParams)
  async delete(@AuthenticatedUser() user: AccessUser, @Param(new SchemaPipe(ViewParams, 'params')) { viewId }: Static<typeof ViewParams>): Promise<void> {
    await this.decide(user, (by) => ({ type: 'DeleteView', data: { viewId, ownerUserId: user.userId, by } }));
  }

  @Put('default')
  @ApiOperation({ summary: 'Choose the view my Errors page opens with (one of mine or a shared one; null for none)' })
  @ApiBodyFrom(DefaultViewRequest)
  @ApiOkFrom(SavedViewList)
  async chooseDefault(@AuthenticatedUser() user: AccessUser, @Body(new SchemaPipe(DefaultViewRequest, 'body')) { viewId }: Static<typeof DefaultViewRequest>): Promise<SavedViewList> {
    if (viewId && !(await this.visible(user)).some((row) => row.view_id === viewId)) throw new ViewNotFound(viewId);
    await this.decide(user, (by) => ({ type: 'ChooseDefaultView', data: { userId: user.userId, viewId, by } }));
    return this.list(user);
  }

  private async decide(user: AccessUser, command: (by: { type: 'user'; id: string }) => SavedViewsCommand): Promise<void> {
    await this.writer.run(user, async (work) => {
      const streamId = userViewsStreamId(user.accountId, user.userId);
      await work.session.load(work.manager, userViews, [streamId]);
      work.session.decide(streamId, command({ type: 'user', id: user.userId }), work.metadata);
    });
  }

  private visible(user: AccessUser): Promise<ViewRow[]> {
    return this.dataSource.query(
      `SELECT v.view_id, v.owner_user_id, v.name, v.filter, v.columns, v.shared, (d.view_id IS NOT NULL) AS is_default
         FROM saved_views v
         LEFT JOIN default_views d ON d.account_id = v.account_id AND d.user_id = $2 AND d.view_id = v.view_id
        WHERE v.account_id = $1 AND (v.owner_user_id = $2 OR v.shared)
        ORDER BY lower(v.name), v.view_id`,
      [user.accountId, user.userId],
    );
  }

  private async one(user: AccessUser, viewId: string): Promise<SavedView> {
    const row = (await this.visible(user)).find((candidate) => candidate.view_id === viewId);
    if (!row) throw new ViewNotFound(viewId);
    return viewOf(row, user);
  }
}

function viewOf(row: ViewRow, user: AccessUser): SavedView {
  return {
    viewId: row.view_id,
    name: row.name,
    filter: row.filter,
    columns: row.columns,
    shared: row.shared,
    ownerUserId: row.owner_user_id,
    mine: row.owner_user_id === user.userId,
    isDefault: row.is_default,
  };
}
