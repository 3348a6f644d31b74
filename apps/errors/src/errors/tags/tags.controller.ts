import { AccessTokenGuard, AccessUser, AuthenticatedUser } from '@faultline/access';
import { requireAdministrator } from '@faultline/access-policy';
import { ChangeTagRequest, CreateTagRequest, TagList, TagParams, TagView } from '@faultline/contracts';
import { ApiBodyFrom, ApiOkFrom, ApiParamsFrom, NotFoundError, SchemaPipe } from '@faultline/platform';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Static } from '@sinclair/typebox';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import * as errorDecider from '../error.decider';
import { ErrorsWriter, Work } from '../errors-writer';
import { errorStreamId } from '../streams';
import * as catalogue from './tag-catalogue.decider';
import { TagCatalogue, tagCatalogueStreamId, TagCatalogueCommand } from './tag-catalogue.decider';
import type { Tag } from './tag-catalogue.events';

/**
 * The account's tag catalogue. Every user of the account may create tags and use them; renaming
 * and deleting change errors in integrations a member may not see, so they are for owners and
 * admins. Deleting a tag takes it off every error in the same transaction.
 */
@ApiTags('tags')
@ApiBearerAuth()
@UseGuards(AccessTokenGuard)
@Controller('tags')
export class TagsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: ErrorsWriter,
  ) {}

  @Get()
  @ApiOperation({ summary: "The account's tags, by name" })
  @ApiOkFrom(TagList)
  async list(@AuthenticatedUser() user: AccessUser): Promise<TagList> {
    const rows: Array<{ tag_id: string; name: string; colour: string }> = await this.dataSource.query(
      'SELECT tag_id, name, colour FROM tags WHERE account_id = $1 ORDER BY lower(name)',
      [user.accountId],
    );
    return { items: rows.map((row) => ({ tagId: row.tag_id, name: row.name, colour: row.colour })) };
  }

  @Post()
  @ApiOperation({ summary: 'Create a tag (names are unique per account, case-insensitively; at most 1,000 tags)' })
  @ApiBodyFrom(CreateTagRequest)
  @ApiOkFrom(TagView)
  async create(@AuthenticatedUser() user: AccessUser, @Body(new SchemaPipe(CreateTagRequest, 'body')) body: Static<typeof CreateTagRequest>): Promise<TagView> {
    const tagId = randomUUID();
    await this.onCatalogue(user, (work) => ({ type: 'CreateTag', data: { tagId, name: body.name, colour: body.colour, by: work.actor } }));
    return { tagId, name: body.name.trim(), colour: body.colour };
  }

  @Patch(':tagId')
  @ApiOperation({ summary: 'Rename or recolour a tag (owners and admins)' })
  @ApiParamsFrom(TagParams)
  @ApiBodyFrom(ChangeTagRequest)
  @ApiOkFrom(TagView)
  async change(
    @AuthenticatedUser() user: AccessUser,
    @Param(new SchemaPipe(TagParams, 'params')) { tagId }: Static<typeof TagParams>,
    @Body(new SchemaPipe(ChangeTagRequest, 'body')) body: Static<typeof ChangeTagRequest>,
  ): Promise<TagView> {
    requireAdministrator(user, 'rename or delete tags');
    const { result } = await this.onCatalogue(user, (work, state) => {
      const current = state.tags.get(tagId);
      if (!current) throw new NotFoundError(`tag ${tagId}`);
      return { type: 'ChangeTag', data: { tagId, name: body.name ?? current.name, colour: body.colour ?? current.colour, by: work.actor } };
    });
    if (!result) throw new NotFoundError(`tag ${tagId}`);
    return result;
  }

  @Delete(':tagId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a tag and take it off every error (owners and admins)' })
  @ApiParamsFrom(TagParams)
  async delete(@AuthenticatedUser() user: AccessUser, @Param(new SchemaPipe(TagParams, 'params')) { tagId }: Static<typeof TagParams>): Promise<void> {
    requireAdministrator(user, 'rename or delete tags');
    await this.writer.run(user, async (work) => {
      await this.decideOnCatalogue(work, user, () => ({ type: 'DeleteTag', data: { tagId, by: work.actor } }));
      const tagged: Array<{ error_id: string }> = await work.manager.query(
        'SELECT error_id FROM errors_list WHERE account_id = $1 AND tag_ids @> ARRAY[$2::uuid]',
        [user.accountId, tagId],
      );
      const streams = tagged.map((row) => errorStreamId(row.error_id));
      await work.session.load(work.manager, errorDecider, streams);
      for (const streamId of streams) {
        work.session.decide(streamId, { type: 'UntagError', data: { tagIds: [tagId], by: work.actor, reason: 'tag_deleted' } }, work.metadata);
      }
    });
  }

  private async onCatalogue(user: AccessUser, command: (work: Work, state: TagCatalogue) => TagCatalogueCommand) {
    return this.writer.run(user, (work) => this.decideOnCatalogue(work, user, (state) => command(work, state)));
  }

  /** Decides on the account's catalogue; answers the tag as it now stands (none once deleted). */
  private async decideOnCatalogue(work: Work, user: AccessUser, command: (state: TagCatalogue) => TagCatalogueCommand): Promise<Tag | undefined> {
    const streamId = tagCatalogueStreamId(user.accountId);
    await work.session.load(work.manager, catalogue, [streamId]);
    const decided = command(work.session.state<TagCatalogue>(streamId));
    work.session.decide(streamId, decided, work.metadata);
    const tag = work.session.state<TagCatalogue>(streamId).tags.get(decided.data.tagId);
    return tag;
  }
}
