import { Static, Type } from '@sinclair/typebox';
import { Actor } from '../../envelope';
import { ErrorListItem } from './errors-list.api';

const uuid = Type.String({ format: 'uuid' });
const time = Type.String({ format: 'date-time' });

/** One entry of an error's history: an event of its stream, who caused it and when. */
export const ErrorHistoryEntry = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  type: Type.String(),
  at: time,
  actor: Actor,
  /** The event's own fields (retry data and the response body left out: each is shown once). */
  details: Type.Record(Type.String(), Type.Unknown()),
});

/** `GET /errors/:errorId`: every field, the retry data, related errors and the history. */
export const ErrorDetails = Type.Object(
  {
    error: ErrorListItem,
    retryData: Type.Union([Type.Unknown(), Type.Null()]),
    /** What the called app answered when the error was recorded, as the runtime reported it. */
    responseBody: Type.Union([Type.Unknown(), Type.Null()]),
    related: Type.Object({
      /** Other errors of the same step with the same trace key, newest first (at most 50). */
      sameTraceKey: Type.Array(uuid),
      /** Other errors of the same step with the same retry data key, newest first (at most 50). */
      sameRetryDataKey: Type.Array(uuid),
    }),
    history: Type.Array(ErrorHistoryEntry),
  },
  { $id: 'ErrorDetails' },
);
export type ErrorDetails = Static<typeof ErrorDetails>;

export const TagParams = Type.Object({ tagId: uuid }, { additionalProperties: false });
export const RetryParams = Type.Object({ retryId: uuid }, { additionalProperties: false });

const tagName = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const colour = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description: '#rrggbb' });

export const CreateTagRequest = Type.Object({ name: tagName, colour }, { additionalProperties: false, $id: 'CreateTagRequest' });
export type CreateTagRequest = Static<typeof CreateTagRequest>;
export const ChangeTagRequest = Type.Object(
  { name: Type.Optional(tagName), colour: Type.Optional(colour) },
  { additionalProperties: false, minProperties: 1, $id: 'ChangeTagRequest' },
);
export type ChangeTagRequest = Static<typeof ChangeTagRequest>;
export const TagView = Type.Object({ tagId: uuid, name: Type.String(), colour: Type.String() }, { $id: 'Tag' });
export type TagView = Static<typeof TagView>;
export const TagList = Type.Object({ items: Type.Array(TagView) }, { $id: 'TagList' });
export type TagList = Static<typeof TagList>;

const id = Type.String({ minLength: 1, maxLength: 100 });
export const FlowParams = Type.Object({ integrationId: id, flowId: id }, { additionalProperties: false });
export type FlowParams = Static<typeof FlowParams>;

export const FlowView = Type.Object(
  {
    integrationId: Type.String(),
    flowId: Type.String(),
    disabled: Type.Boolean(),
    disabledAt: Type.Union([time, Type.Null()]),
    disabledByErrorId: Type.Union([uuid, Type.Null()]),
    /** The step whose 6000 disabled the flow. */
    disabledByStepId: Type.Union([Type.String(), Type.Null()]),
    disableErrorDescription: Type.Union([Type.String(), Type.Null()]),
    autoResolveMatchingTraceKey: Type.Boolean(),
  },
  { $id: 'Flow' },
);
export type FlowView = Static<typeof FlowView>;

export const FlowSettingsRequest = Type.Object(
  { autoResolveMatchingTraceKey: Type.Boolean() },
  { additionalProperties: false, $id: 'FlowSettingsRequest' },
);
export type FlowSettingsRequest = Static<typeof FlowSettingsRequest>;

export const PageQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }), cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$' })) },
  { additionalProperties: false },
);
export type PageQuery = Static<typeof PageQuery>;

export const ActivityEntry = Type.Object({
  kind: Type.Union([Type.Literal('recorded'), Type.Literal('occurred_again'), Type.Literal('retry_scheduled')]),
  at: time,
  flowStepId: Type.String(),
  runId: Type.String(),
  errorId: Type.Union([uuid, Type.Null()]),
  httpStatus: Type.Union([Type.Integer(), Type.Null()]),
  httpStatusName: Type.Union([Type.String(), Type.Null()]),
  severity: Type.String(),
  description: Type.String(),
});
export const ActivityPage = Type.Object(
  { items: Type.Array(ActivityEntry), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'ActivityPage' },
);
export type ActivityPage = Static<typeof ActivityPage>;

export const PendingRetriesQuery = Type.Object({ flowStepId: Type.Optional(id) }, { additionalProperties: false });
export type PendingRetriesQuery = Static<typeof PendingRetriesQuery>;
export const PendingRetry = Type.Object({
  retryId: uuid,
  kind: Type.Union([Type.Literal('automatic'), Type.Literal('manual')]),
  flowStepId: Type.String(),
  runId: Type.String(),
  errorId: Type.Union([uuid, Type.Null()]),
  attempt: Type.Union([Type.Integer(), Type.Null()]),
  notBefore: time,
  scheduledBy: Type.String(),
});
export const PendingRetries = Type.Object({ items: Type.Array(PendingRetry) }, { $id: 'PendingRetries' });
export type PendingRetries = Static<typeof PendingRetries>;

export const MonitorQuery = Type.Object({ integrationId: Type.Optional(id) }, { additionalProperties: false });
export type MonitorQuery = Static<typeof MonitorQuery>;
const counts = { open: Type.Integer(), assigned: Type.Integer(), unassigned: Type.Integer() };
/** The name the runtime gave the integration, flow or step (ErrorOccurred v2); null when it gave none. */
const name = Type.Union([Type.String(), Type.Null()]);
export const MonitorView = Type.Object(
  {
    totals: Type.Object(counts),
    integrations: Type.Array(Type.Object({ integrationId: Type.String(), name, ...counts })),
    flows: Type.Array(Type.Object({ integrationId: Type.String(), flowId: Type.String(), name, disabled: Type.Boolean(), ...counts })),
    steps: Type.Array(Type.Object({ integrationId: Type.String(), flowId: Type.String(), flowStepId: Type.String(), name, ...counts })),
    tags: Type.Array(Type.Object({ tagId: uuid, name: Type.String(), open: Type.Integer() })),
  },
  { $id: 'Monitor' },
);
export type MonitorView = Static<typeof MonitorView>;

/** `GET /monitor/timeline`: new errors per hour (up to 48 hours) or per day, for the dashboard's chart. */
export const TimelineQuery = Type.Object(
  { integrationId: Type.Optional(id), hours: Type.Integer({ minimum: 1, maximum: 24 * 90, default: 24 }) },
  { additionalProperties: false },
);
export type TimelineQuery = Static<typeof TimelineQuery>;
export const ErrorsTimeline = Type.Object(
  {
    bucket: Type.Union([Type.Literal('hour'), Type.Literal('day')]),
    /** Every bucket of the period, oldest first, empty ones included. */
    points: Type.Array(Type.Object({ at: time, errors: Type.Integer({ minimum: 0 }) })),
  },
  { $id: 'ErrorsTimeline' },
);
export type ErrorsTimeline = Static<typeof ErrorsTimeline>;

const retentionDays = Type.Integer({ minimum: 1, maximum: 3_650 });

/** `PUT /settings/retention`: days errors are kept after they last occurred. */
export const RetentionSettings = Type.Object({ days: retentionDays }, { additionalProperties: false, $id: 'RetentionSettings' });
export type RetentionSettings = Static<typeof RetentionSettings>;

/** `GET/PUT /settings/retention`: the period in force, and a shorter one waiting out its notice. */
export const RetentionView = Type.Object(
  {
    days: retentionDays,
    /** How long a shorter period waits before it takes effect. */
    shorteningNoticeDays: Type.Integer({ minimum: 0 }),
    /** Errors are purged by `days` until `effectiveAt`; set the period back before then to keep them. */
    shortening: Type.Optional(Type.Object({ days: retentionDays, effectiveAt: time })),
  },
  { $id: 'RetentionView' },
);
export type RetentionView = Static<typeof RetentionView>;
