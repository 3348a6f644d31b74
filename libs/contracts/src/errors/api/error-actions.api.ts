import { Static, Type } from '@sinclair/typebox';
import { ErrorsFilter } from './errors-list.api';

const uuid = Type.String({ format: 'uuid' });
/** Bulk requests name at most this many errors; more is a 400 (use the filter form instead). */
export const MAX_ERRORS_PER_REQUEST = 1_000;
const errorIds = Type.Array(uuid, { minItems: 1, maxItems: MAX_ERRORS_PER_REQUEST, uniqueItems: true });

export const ResolveErrorsRequest = Type.Object(
  { errorIds, note: Type.Optional(Type.String({ maxLength: 2_000 })) },
  { additionalProperties: false, $id: 'ResolveErrorsRequest' },
);
export type ResolveErrorsRequest = Static<typeof ResolveErrorsRequest>;

export const ReopenErrorsRequest = Type.Object({ errorIds }, { additionalProperties: false, $id: 'ReopenErrorsRequest' });
export type ReopenErrorsRequest = Static<typeof ReopenErrorsRequest>;

export const RetryErrorsRequest = Type.Object(
  {
    errorIds,
    /** Run the retry no earlier than this (default: now); until then it can be cancelled. */
    notBefore: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false, $id: 'RetryErrorsRequest' },
);
export type RetryErrorsRequest = Static<typeof RetryErrorsRequest>;

export const TagErrorsRequest = Type.Object(
  {
    errorIds,
    add: Type.Optional(Type.Array(uuid, { maxItems: 3, uniqueItems: true })),
    remove: Type.Optional(Type.Array(uuid, { maxItems: 1_000, uniqueItems: true })),
  },
  { additionalProperties: false, $id: 'TagErrorsRequest' },
);
export type TagErrorsRequest = Static<typeof TagErrorsRequest>;

export const EditRetryDataRequest = Type.Object({ retryData: Type.Unknown() }, { additionalProperties: false, $id: 'EditRetryDataRequest' });
export type EditRetryDataRequest = Static<typeof EditRetryDataRequest>;

/**
 * "Everything matching this filter": the server selects the errors itself; dryRun only counts
 * them. `tag` puts the `add` tags on them and takes the `remove` tags off. `retry` acts on the
 * open errors matched, `reopen` on the resolved ones. A rule refusing some errors does not stop
 * the others: the answer counts what was refused, and why.
 */
export const ErrorsByFilterRequest = Type.Object(
  {
    action: Type.Union([Type.Literal('resolve'), Type.Literal('reopen'), Type.Literal('retry'), Type.Literal('tag')]),
    filter: ErrorsFilter,
    dryRun: Type.Optional(Type.Boolean()),
    add: Type.Optional(Type.Array(uuid, { maxItems: 3, uniqueItems: true })),
    remove: Type.Optional(Type.Array(uuid, { maxItems: 1_000, uniqueItems: true })),
  },
  { additionalProperties: false, $id: 'ErrorsByFilterRequest' },
);
export type ErrorsByFilterRequest = Static<typeof ErrorsByFilterRequest>;

export const BulkActionResult = Type.Object(
  {
    /** Errors the request selected. */
    matched: Type.Integer({ minimum: 0 }),
    /** Errors it changed (a resolved error resolved again is matched, not changed). */
    changed: Type.Integer({ minimum: 0 }),
    dryRun: Type.Boolean(),
    /** Retries: one per retried error. */
    retries: Type.Optional(Type.Array(Type.Object({ errorId: uuid, retryId: uuid }))),
    /**
     * By filter: the errors a rule refused, one entry per rule (the others were changed): how
     * many, the first few of them, and the rule's code and words.
     */
    refused: Type.Optional(
      Type.Array(Type.Object({ code: Type.String(), detail: Type.String(), count: Type.Integer({ minimum: 1 }), errorIds: Type.Array(uuid, { maxItems: 10 }) })),
    ),
  },
  { $id: 'BulkActionResult' },
);
export type BulkActionResult = Static<typeof BulkActionResult>;
