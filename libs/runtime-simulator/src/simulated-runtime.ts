import type {
  AutomationDisabledV1,
  AutomationReenabledV1,
  ErrorOccurredV1,
  ErrorOccurredV2,
  RecordSucceededV1,
  RetryCancelledV1,
  RetryRequestedV1,
  RetryScheduledV1,
  RetrySucceededV1,
} from '@faultline/contracts';
import { CATALOGUE, Failure, SimulatedFlow, SimulatedStep } from './catalogue';

export type RuntimeReport = ErrorOccurredV1 | ErrorOccurredV2 | RetrySucceededV1 | RecordSucceededV1;
export type RuntimeCommand = RetryScheduledV1 | RetryRequestedV1 | RetryCancelledV1 | AutomationDisabledV1 | AutomationReenabledV1;

/** A retry the runtime was told to run: when, and what it answers. */
interface PendingRetry {
  command: RetryScheduledV1 | RetryRequestedV1;
  due: number;
}

/** A deterministic source of chance (mulberry32): a seed replays the same traffic. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface RuntimeOptions {
  accountId: string;
  random: () => number;
  newId: () => string;
  /** Chance that a retry succeeds; otherwise it fails again. */
  retrySuccess?: number;
  /** Chance that a report is a record going through (RecordSucceeded) rather than a failure. */
  recordSuccess?: number;
  /** 1 simulates an older runtime: ErrorOccurred v1, without names (default 2). */
  reportVersion?: 1 | 2;
}

/**
 * A flow runtime as Faultline sees one: it runs the catalogue's flows and reports failed steps
 * (HTTP statuses, 4000/6000 severity codes, retry data keys, trace keys) and records that went
 * through; it obeys flow.commands.v1 — runs retries when they are due and answers RetrySucceeded
 * or a new failure, and stops a disabled flow until it is re-enabled. No I/O: the caller
 * publishes what it returns and hands it the commands it reads.
 */
export class SimulatedRuntime {
  private readonly disabled = new Set<string>();
  private readonly retries = new Map<string, PendingRetry>();
  private readonly failedRecords: Array<{ flow: SimulatedFlow; step: SimulatedStep; traceKey: string }> = [];

  constructor(private readonly options: RuntimeOptions) {}

  /** `count` new reports of the flows still enabled, at `now`. */
  run(count: number, now: Date): RuntimeReport[] {
    const enabled = CATALOGUE.filter((flow) => !this.disabled.has(flow.flowId));
    if (enabled.length === 0) return [];
    return Array.from({ length: count }, (): RuntimeReport => {
      const retriable = this.failedRecords.filter((record) => !this.disabled.has(record.flow.flowId));
      if (retriable.length > 0 && this.options.random() < (this.options.recordSuccess ?? 0.1)) return this.recordWentThrough(retriable, now);
      const flow = this.pick(enabled);
      return this.failure(flow, this.pick(flow.steps), now);
    });
  }

  /** What a command of this account asks: a retry to run, a retry called off, a flow stopped or started. */
  receive(command: RuntimeCommand, now: Date): void {
    if (command.accountId !== this.options.accountId) return;
    switch (command.type) {
      case 'RetryScheduled':
      case 'RetryRequested':
        this.retries.set(command.data.retryId, { command, due: Math.max(Date.parse(command.data.notBefore), now.getTime()) });
        return;
      case 'RetryCancelled':
        this.retries.delete(command.data.retryId);
        return;
      case 'AutomationDisabled':
        this.disabled.add(command.data.flowId);
        return;
      case 'AutomationReenabled':
        this.disabled.delete(command.data.flowId);
        return;
    }
  }

  /** The retries due by `now`, run: each succeeds or fails again (a disabled flow runs none). */
  runDueRetries(now: Date): RuntimeReport[] {
    const reports: RuntimeReport[] = [];
    for (const [retryId, retry] of this.retries) {
      if (retry.due > now.getTime() || this.disabled.has(retry.command.data.flowId)) continue;
      this.retries.delete(retryId);
      reports.push(this.options.random() < (this.options.retrySuccess ?? 0.7) ? this.retrySucceeded(retry.command, now) : this.retryFailed(retry.command, now));
    }
    return reports;
  }

  isDisabled(flowId: string): boolean {
    return this.disabled.has(flowId);
  }

  private failure(flow: SimulatedFlow, step: SimulatedStep, now: Date, record = `SO-${1000 + Math.floor(this.options.random() * 9000)}`): ErrorOccurredV1 | ErrorOccurredV2 {
    const failure = this.weighted(step.failures);
    const traceKey = `${flow.flowId}/${record}`;
    this.failedRecords.push({ flow, step, traceKey });
    if (this.failedRecords.length > 200) this.failedRecords.shift();
    const names = { integrationName: flow.integrationName, flowName: flow.flowName, flowStepName: step.flowStepName };
    const older = this.options.reportVersion === 1;
    return {
      ...this.envelope('ErrorOccurred', now),
      version: older ? 1 : 2,
      data: {
        integrationId: flow.integrationId,
        flowId: flow.flowId,
        flowStepId: step.flowStepId,
        ...(older ? {} : names),
        stepType: step.stepType,
        runId: `run-${this.options.newId()}`,
        message: failure.message(record),
        source: step.app,
        ...(failure.code ? { code: failure.code } : {}),
        ...(failure.httpStatus ? { httpStatus: failure.httpStatus } : {}),
        ...(failure.severity ? severityOf(failure.severity) : {}),
        retryDataKey: record,
        traceKey,
        retryData: { order: record, lines: 1 + Math.floor(this.options.random() * 5) },
        responseBody: { error: failure.code ?? failure.httpStatus ?? 'timeout', detail: failure.message(record) },
      },
    };
  }

  /** One of the records that failed in a running flow goes through this time. */
  private recordWentThrough(candidates: Array<(typeof this.failedRecords)[number]>, now: Date): RecordSucceededV1 {
    const chosen = candidates[Math.floor(this.options.random() * candidates.length)];
    this.failedRecords.splice(this.failedRecords.indexOf(chosen), 1);
    const { flow, step, traceKey } = chosen;
    return {
      ...this.envelope('RecordSucceeded', now),
      data: { integrationId: flow.integrationId, flowId: flow.flowId, flowStepId: step.flowStepId, runId: `run-${this.options.newId()}`, traceKey },
    };
  }

  private retrySucceeded(command: RetryScheduledV1 | RetryRequestedV1, now: Date): RetrySucceededV1 {
    const { integrationId, flowId, flowStepId, runId, retryId } = command.data;
    const errorId = command.type === 'RetryRequested' ? command.data.errorId : undefined;
    return { ...this.envelope('RetrySucceeded', now), data: { integrationId, flowId, flowStepId, runId, retryId, ...(errorId ? { errorId } : {}) } };
  }

  /** The step failed again: an automatic retry counts its attempt, so the retry policy can stop. */
  private retryFailed(command: RetryScheduledV1 | RetryRequestedV1, now: Date): ErrorOccurredV1 | ErrorOccurredV2 {
    const flow = CATALOGUE.find((candidate) => candidate.flowId === command.data.flowId) ?? CATALOGUE[0];
    const step = flow.steps.find((candidate) => candidate.flowStepId === command.data.flowStepId) ?? flow.steps[0];
    const again = this.failure(flow, step, now, command.data.retryDataKey ?? undefined);
    const attempt = command.type === 'RetryScheduled' ? { attempt: command.data.attempt, firstAttemptAt: command.data.firstAttemptAt } : {};
    return { ...again, data: { ...again.data, runId: command.data.runId, ...attempt } };
  }

  private envelope<T extends RuntimeReport['type']>(type: T, now: Date) {
    return {
      eventId: this.options.newId(),
      type,
      version: 1 as const,
      occurredAt: now.toISOString(),
      accountId: this.options.accountId,
      correlationId: this.options.newId(),
      actor: { type: 'system' as const, id: 'runtime-simulator' },
    };
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.options.random() * items.length)];
  }

  private weighted(failures: readonly Failure[]): Failure {
    let left = this.options.random() * failures.reduce((sum, failure) => sum + failure.weight, 0);
    for (const failure of failures) {
      left -= failure.weight;
      if (left <= 0) return failure;
    }
    return failures[failures.length - 1];
  }
}

function severityOf(severity: NonNullable<Failure['severity']>) {
  return {
    severityCode: severity.code,
    notificationErrorTitle: severity.title,
    notificationErrorDescription: severity.description,
    ...(severity.disable ? { disableErrorDescription: severity.disable } : {}),
  };
}
