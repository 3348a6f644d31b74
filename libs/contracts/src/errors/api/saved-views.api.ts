import { Static, Type } from '@sinclair/typebox';
import { ErrorsFilter } from './errors-list.api';

const uuid = Type.String({ format: 'uuid' });

/** The Errors list's columns a view may show, in the order the list shows them. */
export const VIEW_COLUMNS = ['message', 'class', 'severity', 'step', 'occurrences', 'lastOccurred', 'assignee', 'tags'] as const;
export const ViewColumn = Type.Union(VIEW_COLUMNS.map((column) => Type.Literal(column)));
export type ViewColumn = (typeof VIEW_COLUMNS)[number];

const viewName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const columns = Type.Array(ViewColumn, { minItems: 1, maxItems: VIEW_COLUMNS.length, uniqueItems: true });

/** `POST /views`: name the Errors list's current filter and columns; `shared` shows it to the whole account. */
export const SaveViewRequest = Type.Object(
  { name: viewName, filter: ErrorsFilter, columns: Type.Optional(columns), shared: Type.Boolean() },
  { additionalProperties: false, $id: 'SaveViewRequest' },
);
export type SaveViewRequest = Static<typeof SaveViewRequest>;

/** `PATCH /views/:viewId`: the owner renames, re-filters, re-columns, shares or unshares a view. */
export const ChangeViewRequest = Type.Object(
  { name: Type.Optional(viewName), filter: Type.Optional(ErrorsFilter), columns: Type.Optional(columns), shared: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1, $id: 'ChangeViewRequest' },
);
export type ChangeViewRequest = Static<typeof ChangeViewRequest>;

/** `PUT /views/default`: the view the Errors page opens with for the signed-in user; null for none. */
export const DefaultViewRequest = Type.Object({ viewId: Type.Union([uuid, Type.Null()]) }, { additionalProperties: false, $id: 'DefaultViewRequest' });
export type DefaultViewRequest = Static<typeof DefaultViewRequest>;

export const ViewParams = Type.Object({ viewId: uuid }, { additionalProperties: false });
export type ViewParams = Static<typeof ViewParams>;

export const SavedView = Type.Object(
  {
    viewId: uuid,
    name: Type.String(),
    filter: ErrorsFilter,
    columns: Type.Array(ViewColumn),
    shared: Type.Boolean(),
    ownerUserId: Type.String(),
    /** The signed-in user's own view (they may change and delete it). */
    mine: Type.Boolean(),
    /** The signed-in user's default view. */
    isDefault: Type.Boolean(),
  },
  { $id: 'SavedView' },
);
export type SavedView = Static<typeof SavedView>;

/** `GET /views`: the signed-in user's views and the account's shared ones, by name. */
export const SavedViewList = Type.Object({ items: Type.Array(SavedView) }, { $id: 'SavedViewList' });
export type SavedViewList = Static<typeof SavedViewList>;
