import type { ErrorOccurredV2, RecordSucceededV1, RetrySucceededV1 } from '@faultline/contracts';
import type { DecisionSession } from '@faultline/eventing';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import * as errorDecider from '../error.decider';
import { classify } from '../classification/classification.rules';
import { ErrorCommand, truncateTraceKey } from '../error.decider';
import type { Actor } from '../error.events';
import * as flowDecider from '../flows/flow.decider';
import { FlowState, flowStreamId } from '../flows/flow.decider';
import * as retryDecider from '../retries/retry.decider';
import { retryStreamId } from '../retries/retry.decider';
import { decideRetry, RetryPolicySettings } from '../retries/retry.policy';
import { recordSuccessResolves, routeOccurrence } from '../trace-keys/trace-key.rule';
import { errorStreamId } from '../streams';
import { failedAttempt, FlowReport, metadataCausedBy, toOccurrence } from './flow-report';
import { OpenErrorsByTraceKey, openErrorsByTraceKey, traceKeyOf, TraceKeyScope } from './open-errors.lookup';

type Metadata = ReturnType<typeof metadataCausedBy>;

const RUNTIME: Actor = { type: 'system', id: 'flow-runtime' };

/**
 * Decides what one batch of runtime reports does, in report order, within one transaction:
 * automatic retries, new errors, repeated occurrences, trace-key supersession, disabled flows,
 * and errors resolved by successful retries or records. Everything the batch needs is read up
 * front in a few queries; decisions see the ones before them.
 */
export class FlowReportsBatch {
  private openByTraceKey: OpenErrorsByTraceKey = new Map();

  constructor(
    private readonly manager: EntityManager,
    private readonly session: DecisionSession,
    private readonly now: Date,
    private readonly retryPolicy: RetryPolicySettings,
    /** What was changed in each report (by event id) to make it storable. */
    private readonly repairs: ReadonlyMap<string, string[]> = new Map(),
  ) {}

  async load(reports: FlowReport[]): Promise<void> {
    await this.session.load(this.manager, flowDecider, reports.map((report) => flowStreamId(report.accountId, report.data.flowId)));
    this.openByTraceKey = await openErrorsByTraceKey(this.manager, reports.flatMap(traceKeyLookup));
    const known = [...this.openByTraceKey.values()].flat();
    const retried = reports.flatMap((report) => (report.type === 'RetrySucceeded' && report.data.errorId ? [report.data.errorId] : []));
    await this.session.load(this.manager, errorDecider, [...known, ...retried].map(errorStreamId));
  }

  decide(report: FlowReport): void {
    switch (report.type) {
      case 'ErrorOccurred':
        return this.errorOccurred(report);
      case 'RecordSucceeded':
        return this.recordSucceeded(report);
      case 'RetrySucceeded':
        return this.retrySucceeded(report);
      default: {
        const unknown: never = report;
        throw new Error(`unknown report ${JSON.stringify(unknown)}`);
      }
    }
  }

  private errorOccurred(report: ErrorOccurredV2): void {
    const metadata = metadataCausedBy(report, this.now);
    const decision = decideRetry(failedAttempt(report), this.now, this.retryPolicy);
    if (decision.retry) {
      this.scheduleAutomaticRetry(report, decision.attempt, decision.notBefore, metadata);
      return;
    }
    const occurrence = toOccurrence(report, this.repairs.get(report.eventId), decision.reason);
    const classification = classify(occurrence);
    const key = occurrence.traceKey === undefined ? undefined : traceKeyOf(scopeOf(report, occurrence.traceKey));
    const openErrors = key === undefined ? [] : (this.openByTraceKey.get(key) ?? []);
    const route = routeOccurrence(openErrors[openErrors.length - 1], this.flowState(report));
    const errorId = route.route === 'occurred-again' ? route.errorId : randomUUID();
    // The flow first: it is the one decision here that can refuse, and then nothing else happens.
    const { accountId, integrationId, flowId, flowStepId } = occurrence;
    const failure = { integrationId, flowId, flowStepId, errorId, severity: classification.severity, disableErrorDescription: classification.disableErrorDescription, now: this.now };
    this.session.decide(flowStreamId(accountId, flowId), { type: 'RecordFailure', data: failure }, metadata);
    if (route.route === 'occurred-again') {
      this.decideOnError(errorId, { type: 'RecordOccurrenceAgain', data: { occurrence, classification } }, metadata);
      return;
    }
    this.session.create(errorStreamId(errorId), errorDecider);
    this.decideOnError(errorId, { type: 'RecordError', data: { errorId, occurrence, classification, now: this.now } }, metadata);
    if (route.route === 'supersede') {
      this.decideOnError(route.errorId, { type: 'ResolveError', data: { reason: 'superseded', by: RUNTIME, now: this.now, supersededBy: errorId } }, metadata);
    }
    const superseded = route.route === 'supersede' ? route.errorId : undefined;
    if (key !== undefined) this.openByTraceKey.set(key, [...openErrors.filter((id) => id !== superseded), errorId]);
  }

  private scheduleAutomaticRetry(report: ErrorOccurredV2, attempt: number, notBefore: Date, metadata: Metadata): void {
    const { data } = report;
    const retryId = randomUUID();
    this.session.create(retryStreamId(retryId), retryDecider);
    const failure = {
      failedEventId: report.eventId,
      attempt,
      firstAttemptAt: data.firstAttemptAt ?? report.occurredAt,
      message: data.message,
      ...(data.httpStatus === undefined ? {} : { httpStatus: data.httpStatus }),
      occurredAt: report.occurredAt,
    };
    const schedule: retryDecider.ScheduleRetry = {
      type: 'ScheduleRetry',
      data: {
        retryId,
        kind: 'automatic',
        integrationId: data.integrationId,
        flowId: data.flowId,
        flowStepId: data.flowStepId,
        runId: data.runId,
        notBefore: notBefore.toISOString(),
        scheduledBy: { type: 'system', id: 'retry-policy' },
        ...(data.retryDataKey === undefined ? {} : { retryDataKey: data.retryDataKey }),
        ...(data.retryData === undefined ? {} : { retryData: data.retryData }),
        failure,
      },
    };
    this.session.decide(retryStreamId(retryId), schedule, metadata);
  }

  private recordSucceeded(report: RecordSucceededV1): void {
    if (!recordSuccessResolves(this.flowState(report))) return;
    const key = traceKeyOf(scopeOf(report, report.data.traceKey));
    const metadata = metadataCausedBy(report, this.now);
    for (const errorId of this.openByTraceKey.get(key) ?? []) {
      this.decideOnError(errorId, { type: 'ResolveError', data: { reason: 'record_succeeded', runId: report.data.runId, by: RUNTIME, now: this.now } }, metadata);
    }
    this.openByTraceKey.delete(key);
  }

  private retrySucceeded(report: RetrySucceededV1): void {
    const { errorId, runId } = report.data;
    if (errorId === undefined) return;
    const command: ErrorCommand = { type: 'RecordRetrySuccess', data: { accountId: report.accountId, runId, by: RUNTIME, now: this.now } };
    this.decideOnError(errorId, command, metadataCausedBy(report, this.now));
  }

  private decideOnError(errorId: string, command: ErrorCommand, metadata: Metadata): void {
    this.session.decide(errorStreamId(errorId), command, metadata);
  }

  private flowState(report: FlowReport): FlowState {
    return this.session.state<FlowState>(flowStreamId(report.accountId, report.data.flowId));
  }
}

function traceKeyLookup(report: FlowReport): TraceKeyScope[] {
  const traceKey = report.type === 'RetrySucceeded' ? undefined : report.data.traceKey;
  return traceKey === undefined ? [] : [scopeOf(report, traceKey)];
}

function scopeOf(report: FlowReport, traceKey: string): TraceKeyScope {
  const { integrationId, flowId, flowStepId } = report.data;
  return { accountId: report.accountId, integrationId, flowId, flowStepId, traceKey: truncateTraceKey(traceKey) };
}
