import { ErrorOccurredV1, RetryScheduledV1, Topics } from '@faultline/contracts';
import {
  answeringEnvelope,
  Inbox,
  NewEvent,
  OutboxMessage,
  OutboxWriter,
  PostgresEventStore,
  StoredEvent,
  StreamAppend,
} from '@faultline/eventing';
import { CLOCK, Clock, OutboxRelayService } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ERRORS_CONFIG, ErrorsConfig } from '../../errors.config';
import { decide, initialState, Occurrence } from '../error.decider';
import type { ErrorEvent, ErrorRecorded } from '../error.events';
import { ErrorsListProjection } from '../errors-list/errors-list.projection';
import { publishErrorRecorded } from '../published/error-recorded.mapper';
import { decideRetry, RetryDecision } from '../retries/retry.policy';

/** The inbox name of this consumer: one row per handled ErrorOccurred. */
export const RECORD_ERRORS_CONSUMER = 'errors.record-errors';

export const errorStreamId = (errorId: string): string => `error-${errorId}`;

/**
 * Turns a batch of reported failures into retries or recorded errors in one transaction:
 * claims them in the inbox (so a redelivered report changes nothing); schedules an automatic
 * retry where the retry policy allows one; otherwise appends ErrorRecorded to a new error's
 * stream and updates the Errors list; and writes what it publishes to the outbox.
 */
@Injectable()
export class RecordErrorsHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
    private readonly eventStore: PostgresEventStore,
    private readonly errorsList: ErrorsListProjection,
    private readonly outbox: OutboxWriter,
    private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ERRORS_CONFIG) private readonly config: ErrorsConfig,
  ) {}

  async handle(reports: ErrorOccurredV1[]): Promise<void> {
    if (reports.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      const fresh = await this.inbox.claim(manager, RECORD_ERRORS_CONSUMER, reports.map((report) => report.eventId));
      const now = this.clock.now();
      const firstOfEach = reports.filter((report) => fresh.delete(report.eventId));
      const retries: OutboxMessage[] = [];
      const appends: StreamAppend<ErrorEvent>[] = [];
      for (const report of firstOfEach) {
        const decision = decideRetry(failedAttempt(report), now, this.config.retryPolicy);
        if (decision.retry) retries.push(retryScheduled(report, decision, now));
        else appends.push(this.recordError(report, now));
      }
      const stored = await this.eventStore.append<ErrorEvent>(manager, appends);
      await this.errorsList.apply(manager, stored);
      await this.outbox.enqueue(manager, [...retries, ...stored.filter(isRecorded).map((event) => publishErrorRecorded(event))]);
    });
    this.relay.nudge();
  }

  private recordError(report: ErrorOccurredV1, now: Date): StreamAppend<ErrorEvent> {
    const errorId = randomUUID();
    const events = decide({ type: 'RecordError', data: { errorId, occurrence: toOccurrence(report), now } }, initialState());
    return {
      streamId: errorStreamId(errorId),
      expectedVersion: 0,
      events: events.map(
        (event): NewEvent<ErrorEvent> => ({
          event,
          metadata: {
            eventId: randomUUID(),
            accountId: report.accountId,
            occurredAt: now.toISOString(),
            correlationId: report.correlationId,
            causationId: report.eventId,
            actor: report.actor,
          },
        }),
      ),
    };
  }
}

const isRecorded = (stored: StoredEvent<ErrorEvent>): stored is StoredEvent<ErrorRecorded> =>
  stored.event.type === 'ErrorRecorded';

function toOccurrence(report: ErrorOccurredV1): Occurrence {
  const { data } = report;
  return {
    accountId: report.accountId,
    integrationId: data.integrationId,
    flowId: data.flowId,
    flowStepId: data.flowStepId,
    stepType: data.stepType,
    runId: data.runId,
    message: data.message,
    code: data.code,
    source: data.source,
    httpStatus: data.httpStatus,
    retryDataKey: data.retryDataKey,
    traceKey: data.traceKey,
    occurredAt: report.occurredAt,
    signals: {
      severityCode: data.severityCode,
      notificationErrorTitle: data.notificationErrorTitle,
      notificationErrorDescription: data.notificationErrorDescription,
      runtimeErrorDescription: data.runtimeErrorDescription,
      disableErrorDescription: data.disableErrorDescription,
      responseBody: data.responseBody,
    },
  };
}

function failedAttempt(report: ErrorOccurredV1) {
  const { data } = report;
  return {
    stepType: data.stepType,
    attempt: data.attempt ?? 1,
    firstAttemptAt: new Date(data.firstAttemptAt ?? report.occurredAt),
    httpStatus: data.httpStatus,
    severityCode: data.severityCode,
    responseBody: data.responseBody,
  };
}

/** The command that asks the runtime to run the failed custom action again. */
function retryScheduled(report: ErrorOccurredV1, decision: Extract<RetryDecision, { retry: true }>, now: Date): OutboxMessage {
  const { data } = report;
  const value: RetryScheduledV1 = {
    ...answeringEnvelope(report, { type: 'RetryScheduled', version: 1, actor: { type: 'system', id: 'retry-policy' }, at: now }),
    data: {
      integrationId: data.integrationId,
      flowId: data.flowId,
      flowStepId: data.flowStepId,
      runId: data.runId,
      failedEventId: report.eventId,
      attempt: decision.attempt,
      firstAttemptAt: data.firstAttemptAt ?? report.occurredAt,
      notBefore: decision.notBefore.toISOString(),
      ...(data.retryDataKey === undefined ? {} : { retryDataKey: data.retryDataKey }),
      ...(data.retryData === undefined ? {} : { retryData: data.retryData }),
    },
  };
  return { topic: Topics.flowCommands, key: data.flowId, value };
}
