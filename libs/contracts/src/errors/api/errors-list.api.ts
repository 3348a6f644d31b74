import { Static, Type } from '@sinclair/typebox';
import { StepType } from '../../flow/error-occurred.v1';
import { ErrorClassName, SeverityName } from '../error-recorded.v1';

const id = Type.String({ minLength: 1, maxLength: 100 });

/**
 * `GET /errors`: the signed-in user's account, within the integrations they may view; filters
 * combine with AND; pages are walked with `cursor`, newest first.
 */
export const ErrorsListQuery = Type.Object(
  {
    integrationId: Type.Optional(id),
    flowId: Type.Optional(id),
    flowStepId: Type.Optional(id),
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])),
    errorClass: Type.Optional(ErrorClassName),
    severity: Type.Optional(SeverityName),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false, $id: 'ErrorsListQuery' },
);
export type ErrorsListQuery = Static<typeof ErrorsListQuery>;

export const ErrorListItem = Type.Object(
  {
    errorId: Type.String({ format: 'uuid' }),
    accountId: Type.String(),
    integrationId: Type.String(),
    flowId: Type.String(),
    flowStepId: Type.String(),
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
    occurredAt: Type.String({ format: 'date-time' }),
    recordedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'ErrorListItem' },
);
export type ErrorListItem = Static<typeof ErrorListItem>;

export const ErrorsPage = Type.Object(
  {
    items: Type.Array(ErrorListItem),
    /** Pass as `cursor` for the next page; null on the last page. */
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'ErrorsPage' },
);
export type ErrorsPage = Static<typeof ErrorsPage>;

export const ErrorIdParams = Type.Object({ errorId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export type ErrorIdParams = Static<typeof ErrorIdParams>;
