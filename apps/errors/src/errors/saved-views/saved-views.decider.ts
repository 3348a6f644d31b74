import { Refusal } from '@faultline/access-policy';
import type { Actor } from '../error.events';
import type { SavedViewsEvent, View } from './saved-views.events';

export const MAX_VIEWS_PER_USER = 100;

/** One user's views and their default choice: one stream per user keeps their names unique without a race. */
export interface UserViews {
  views: ReadonlyMap<string, View>;
  defaultViewId: string | null;
}

export type SaveView = { type: 'SaveView'; data: { view: View; ownerUserId: string; by: Actor } };
export type ChangeView = { type: 'ChangeView'; data: { viewId: string; ownerUserId: string; changes: Partial<Omit<View, 'viewId'>>; by: Actor } };
export type DeleteView = { type: 'DeleteView'; data: { viewId: string; ownerUserId: string; by: Actor } };
/** `viewId` may be another user's shared view: whether it is visible is the edge's to check. */
export type ChooseDefaultView = { type: 'ChooseDefaultView'; data: { userId: string; viewId: string | null; by: Actor } };
export type SavedViewsCommand = SaveView | ChangeView | DeleteView | ChooseDefaultView;

export class ViewNameTaken extends Refusal {
  readonly code = 'VIEW_NAME_TAKEN';

  constructor(name: string) {
    super(`you already have a view named "${name}"`);
  }
}

export class TooManyViews extends Refusal {
  readonly code = 'TOO_MANY_VIEWS';

  constructor() {
    super(`a user keeps at most ${MAX_VIEWS_PER_USER} views`);
  }
}

/** Not a view of this user (views are changed and deleted by their owner only). */
export class ViewNotFound extends Refusal {
  readonly code = 'VIEW_NOT_FOUND';

  constructor(viewId: string) {
    super(`no view ${viewId} of yours`);
  }
}

export const userViewsStreamId = (accountId: string, userId: string): string => `views-${accountId}-${userId}`;

export const initialState = (): UserViews => ({ views: new Map(), defaultViewId: null });

export function decide(command: SavedViewsCommand, state: UserViews): SavedViewsEvent[] {
  switch (command.type) {
    case 'SaveView': {
      const { view, ownerUserId, by } = command.data;
      if (state.views.has(view.viewId)) return [];
      if (state.views.size >= MAX_VIEWS_PER_USER) throw new TooManyViews();
      const named = { ...view, name: view.name.trim() };
      requireFreeName(state, named);
      return [{ type: 'ViewSaved', data: { ...named, ownerUserId, savedBy: by } }];
    }
    case 'ChangeView': {
      const { viewId, ownerUserId, changes, by } = command.data;
      const current = requireView(state, viewId);
      const changed = { ...current, ...changes, name: (changes.name ?? current.name).trim() };
      requireFreeName(state, changed);
      if (JSON.stringify(changed) === JSON.stringify(current)) return [];
      return [{ type: 'ViewChanged', data: { ...changed, ownerUserId, changedBy: by } }];
    }
    case 'DeleteView': {
      const { viewId, ownerUserId, by } = command.data;
      requireView(state, viewId);
      return [{ type: 'ViewDeleted', data: { viewId, ownerUserId, deletedBy: by } }];
    }
    case 'ChooseDefaultView': {
      const { userId, viewId, by } = command.data;
      return state.defaultViewId === viewId ? [] : [{ type: 'DefaultViewChosen', data: { userId, viewId, chosenBy: by } }];
    }
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolve(state: UserViews, event: SavedViewsEvent): UserViews {
  switch (event.type) {
    case 'ViewSaved':
    case 'ViewChanged': {
      const { viewId, name, filter, columns, shared } = event.data;
      return { ...state, views: new Map(state.views).set(viewId, { viewId, name, filter, columns, shared }) };
    }
    case 'ViewDeleted': {
      const views = new Map(state.views);
      views.delete(event.data.viewId);
      return { views, defaultViewId: state.defaultViewId === event.data.viewId ? null : state.defaultViewId };
    }
    case 'DefaultViewChosen':
      return { ...state, defaultViewId: event.data.viewId };
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

function requireView(state: UserViews, viewId: string): View {
  const view = state.views.get(viewId);
  if (!view) throw new ViewNotFound(viewId);
  return view;
}

function requireFreeName(state: UserViews, view: View): void {
  for (const other of state.views.values()) {
    if (other.viewId !== view.viewId && other.name.toLowerCase() === view.name.toLowerCase()) throw new ViewNameTaken(view.name);
  }
}
