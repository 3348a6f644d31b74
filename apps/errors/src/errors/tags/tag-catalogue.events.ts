import type { Actor } from '../error.events';

export interface Tag {
  tagId: string;
  name: string;
  /** `#rrggbb`. */
  colour: string;
}

export type TagCreated = { type: 'TagCreated'; data: Tag & { createdBy: Actor } };
export type TagChanged = { type: 'TagChanged'; data: Tag & { changedBy: Actor } };
export type TagDeleted = { type: 'TagDeleted'; data: { tagId: string; name: string; deletedBy: Actor } };

export type TagCatalogueEvent = TagCreated | TagChanged | TagDeleted;
