import type { Actor } from '../error.events';

/** A named Errors-list filter and columns, its owner's, shown to the account when shared. */
export interface View {
  viewId: string;
  name: string;
  /** The Errors list's filter, as its API takes it. */
  filter: Record<string, unknown>;
  columns: string[];
  shared: boolean;
}

export type ViewSaved = { type: 'ViewSaved'; data: View & { ownerUserId: string; savedBy: Actor } };
export type ViewChanged = { type: 'ViewChanged'; data: View & { ownerUserId: string; changedBy: Actor } };
export type ViewDeleted = { type: 'ViewDeleted'; data: { viewId: string; ownerUserId: string; deletedBy: Actor } };
/** The view a user's Errors page opens with (null: none). */
export type DefaultViewChosen = { type: 'DefaultViewChosen'; data: { userId: string; viewId: string | null; chosenBy: Actor } };

export type SavedViewsEvent = ViewSaved | ViewChanged | ViewDeleted | DefaultViewChosen;
