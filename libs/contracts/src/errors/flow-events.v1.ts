import { Static, Type } from '@sinclair/typebox';
import { Actor, closed, domainEventSchema, Uuid } from '../envelope';

const id = Type.String({ minLength: 1, maxLength: 100 });

/**
 * A 6000 disabled the automation (seed 002). Published on errors.events.v1 for the apps and on
 * flow.commands.v1 for the runtime, which must not run the flow until it is re-enabled.
 * aggregateId is the flow's id; keyed by flowId.
 */
export const AutomationDisabledV1 = domainEventSchema(
  'AutomationDisabled',
  1,
  closed({ integrationId: id, flowId: id, flowStepId: id, errorId: Uuid, disableErrorDescription: Type.Optional(Type.String()) }),
  'A severity 6000 disabled the flow until someone re-enables it.',
);
export type AutomationDisabledV1 = Static<typeof AutomationDisabledV1>;

export const AutomationReenabledV1 = domainEventSchema(
  'AutomationReenabled',
  1,
  closed({ integrationId: id, flowId: id, reenabledBy: Actor }),
  'Someone re-enabled a flow a severity 6000 had disabled; the runtime may run it again.',
);
export type AutomationReenabledV1 = Static<typeof AutomationReenabledV1>;

export const FlowSettingsChangedV1 = domainEventSchema(
  'FlowSettingsChanged',
  1,
  closed({ integrationId: id, flowId: id, autoResolveMatchingTraceKey: Type.Boolean(), changedBy: Actor }),
  "A flow's error settings changed. With autoResolveMatchingTraceKey a new error resolves the open one with its trace key.",
);
export type FlowSettingsChangedV1 = Static<typeof FlowSettingsChangedV1>;

/**
 * A 4000 or 6000 asks notifications to tell the automation's creator (or, when the runtime did
 * not say who that is, the account's owner). aggregateId is the error's id; keyed by errorId.
 */
export const SeverityNotificationRequestedV1 = domainEventSchema(
  'SeverityNotificationRequested',
  1,
  closed({
    errorId: Uuid,
    integrationId: id,
    flowId: id,
    flowStepId: id,
    severity: Type.Union([Type.Literal('medium'), Type.Literal('high')]),
    automationCreatorUserId: Type.Optional(id),
    notificationErrorTitle: Type.Optional(Type.String()),
    notificationErrorDescription: Type.Optional(Type.String()),
    disableErrorDescription: Type.Optional(Type.String()),
  }),
  "A severity code asks for the automation's creator to be notified.",
);
export type SeverityNotificationRequestedV1 = Static<typeof SeverityNotificationRequestedV1>;

export const FlowEventsV1 = [AutomationDisabledV1, AutomationReenabledV1, FlowSettingsChangedV1, SeverityNotificationRequestedV1] as const;
