import { Static, Type } from '@sinclair/typebox';
import { StepType } from '../../flow/error-occurred';
import { ErrorClassName, SeverityName } from '../error-recorded.v1';

const id = Type.String({ minLength: 1, maxLength: 100 });

/**
 * `GET /errors`: the signed-in user's account, within the integrations they may view; filters
 * combine with AND; pages are walked with `cursor`, newest first.
 */
const UUID_LIST = '^[0-9a-fA-F-]{36}(,[0-9a-fA-F-]{36}){0,99}$';

/** What selects errors: the list's filters, also used by bulk actions "on everything matching". */
export const errorsFilterProperties = {
  integrationId: Type.Optional(id),
  flowId: Type.Optional(id),
  flowStepId: Type.Optional(id),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])),
  errorClass: Type.Optional(ErrorClassName),
  severity: Type.Optional(SeverityName),
  /** A user id, `me` (the signed-in user) or `unassigned`. */
  assignee: Type.Optional(id),
  /** Comma-separated tag ids. */
  tags: Type.Optional(Type.String({ pattern: UUID_LIST, description: 'comma-separated tag ids' })),
  /** `any` (default): errors with at least one of `tags`; `all`: errors with every one. */
  tagsMatch: Type.Optional(Type.Union([Type.Literal('any'), Type.Literal('all')])),
  httpStatus: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** Errors that occurred at or after this time. */
  from: Type.Optional(Type.String({ format: 'date-time' })),
  /** Errors that occurred before this time. */
  to: Type.Optional(Type.String({ format: 'date-time' })),
  /** Text the message contains (case-insensitive). */
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
};

export const ErrorsFilter = Type.Object(errorsFilterProperties, { additionalProperties: false, $id: 'ErrorsFilter' });
export type ErrorsFilter = Static<typeof ErrorsFilter>;

export const ErrorsListQuery = Type.Object(
  {
    ...errorsFilterProperties,
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false, $id: 'ErrorsListQuery' },
);
export type ErrorsListQuery = Static<typeof ErrorsListQuery>;

/** `GET /errors/export.csv`: the filters of the list, every matching row. */
export const ErrorsExportQuery = Type.Object(errorsFilterProperties, { additionalProperties: false, $id: 'ErrorsExportQuery' });
export type ErrorsExportQuery = Static<typeof ErrorsExportQuery>;

export const ErrorListItem = Type.Object(
  {
    errorId: Type.String({ format: 'uuid' }),
    accountId: Type.String(),
    integrationId: Type.String(),
    flowId: Type.String(),
    flowStepId: Type.String(),
    /** The names the runtime gave them (ErrorOccurred v2); null when it gave none. */
    integrationName: Type.Union([Type.String(), Type.Null()]),
    flowName: Type.Union([Type.String(), Type.Null()]),
    flowStepName: Type.Union([Type.String(), Type.Null()]),
    stepType: StepType,
    runId: Type.String(),
    message: Type.String(),
    code: Type.Union([Type.String(), Type.Null()]),
    httpStatus: Type.Union([Type.Integer(), Type.Null()]),
    retryDataKey: Type.Union([Type.String(), Type.Null()]),
    traceKey: Type.Union([Type.String(), Type.Null()]),
    status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
    errorClass: ErrorClassName,
    severity: SeverityName,
    httpStatusName: Type.Union([Type.String(), Type.Null()]),
    source: Type.Union([Type.String(), Type.Null()]),
    occurrences: Type.Integer({ minimum: 1 }),
    tagIds: Type.Array(Type.String({ format: 'uuid' })),
    assigneeUserId: Type.Union([Type.String(), Type.Null()]),
    /** Why the assignee has it: a person's choice, or the retry data key or trace key rule. */
    assignmentCause: Type.Union([Type.Literal('manual'), Type.Literal('retryDataKey'), Type.Literal('traceKey'), Type.Null()]),
    /** Why it was resolved: `user`, `retry_succeeded`, `superseded` or `record_succeeded`. */
    resolution: Type.Union([Type.String(), Type.Null()]),
    /** The person who resolved it; null when a rule or a runtime did. */
    resolvedByUserId: Type.Union([Type.String(), Type.Null()]),
    /** Resolved as `superseded`: the newer error of the same trace key. */
    supersededBy: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    resolvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    occurredAt: Type.String({ format: 'date-time' }),
    lastOccurredAt: Type.String({ format: 'date-time' }),
    recordedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'ErrorListItem' },
);
export type ErrorListItem = Static<typeof ErrorListItem>;

export const ErrorsPage = Type.Object(
  {
    items: Type.Array(ErrorListItem),
    /** How many errors match the filters, over all pages, counted up to a cap (1,000 by default). */
    total: Type.Integer({ minimum: 0 }),
    /** More than `total` match: the count stopped at the cap (a by-filter dry run counts them all). */
    totalCapped: Type.Boolean(),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'ErrorsPage' },
);
export type ErrorsPage = Static<typeof ErrorsPage>;

export const ErrorIdParams = Type.Object({ errorId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export type ErrorIdParams = Static<typeof ErrorIdParams>;
