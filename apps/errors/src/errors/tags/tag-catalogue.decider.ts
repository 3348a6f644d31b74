import { Refusal } from '@faultline/access-policy';
import type { Actor } from '../error.events';
import type { Tag, TagCatalogueEvent } from './tag-catalogue.events';

export const MAX_TAGS_PER_ACCOUNT = 1_000;
export const MAX_TAG_NAME_LENGTH = 100;

/** One account's tags, by id. One stream per account keeps names unique without a race. */
export interface TagCatalogue {
  tags: ReadonlyMap<string, Tag>;
}

export type CreateTag = { type: 'CreateTag'; data: Tag & { by: Actor } };
export type ChangeTag = { type: 'ChangeTag'; data: Tag & { by: Actor } };
export type DeleteTag = { type: 'DeleteTag'; data: { tagId: string; by: Actor } };
export type TagCatalogueCommand = CreateTag | ChangeTag | DeleteTag;

export class TagNameTaken extends Refusal {
  readonly code = 'TAG_NAME_TAKEN';

  constructor(name: string) {
    super(`a tag named "${name}" already exists in this account`);
  }
}

export class TagCatalogueFull extends Refusal {
  readonly code = 'TAG_CATALOGUE_FULL';

  constructor() {
    super(`an account has at most ${MAX_TAGS_PER_ACCOUNT} tags`);
  }
}

export class TagNotFound extends Refusal {
  readonly code = 'TAG_NOT_FOUND';

  constructor(tagId: string) {
    super(`no tag ${tagId} in this account`);
  }
}

export class TagAlreadyExists extends Refusal {
  readonly code = 'TAG_ALREADY_EXISTS';

  constructor(tagId: string) {
    super(`tag ${tagId} already exists`);
  }
}

export const tagCatalogueStreamId = (accountId: string): string => `tags-${accountId}`;

export const initialState = (): TagCatalogue => ({ tags: new Map() });

/** Names compare without case or surrounding spaces: "Billing" and " billing" are one tag. */
export const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

export function decide(command: TagCatalogueCommand, state: TagCatalogue): TagCatalogueEvent[] {
  switch (command.type) {
    case 'CreateTag': {
      const { by, ...tag } = command.data;
      if (state.tags.has(tag.tagId)) throw new TagAlreadyExists(tag.tagId);
      if (state.tags.size >= MAX_TAGS_PER_ACCOUNT) throw new TagCatalogueFull();
      requireFreeName(state, tag);
      return [{ type: 'TagCreated', data: { ...tag, name: tag.name.trim(), createdBy: by } }];
    }
    case 'ChangeTag': {
      const { by, ...tag } = command.data;
      const current = requireTag(state, tag.tagId);
      requireFreeName(state, tag);
      if (current.name === tag.name.trim() && current.colour === tag.colour) return [];
      return [{ type: 'TagChanged', data: { ...tag, name: tag.name.trim(), changedBy: by } }];
    }
    case 'DeleteTag': {
      const current = requireTag(state, command.data.tagId);
      return [{ type: 'TagDeleted', data: { tagId: current.tagId, name: current.name, deletedBy: command.data.by } }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolve(state: TagCatalogue, event: TagCatalogueEvent): TagCatalogue {
  const tags = new Map(state.tags);
  switch (event.type) {
    case 'TagCreated':
    case 'TagChanged': {
      const { tagId, name, colour } = event.data;
      tags.set(tagId, { tagId, name, colour });
      break;
    }
    case 'TagDeleted':
      tags.delete(event.data.tagId);
      break;
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
  return { tags };
}

function requireTag(state: TagCatalogue, tagId: string): Tag {
  const tag = state.tags.get(tagId);
  if (!tag) throw new TagNotFound(tagId);
  return tag;
}

function requireFreeName(state: TagCatalogue, tag: Tag): void {
  for (const other of state.tags.values()) {
    if (other.tagId !== tag.tagId && sameName(other.name, tag.name)) throw new TagNameTaken(tag.name.trim());
  }
}
