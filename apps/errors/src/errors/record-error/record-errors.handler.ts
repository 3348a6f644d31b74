import type { ErrorOccurredV1 } from '@faultline/contracts';
import { Inbox, NewEvent, OutboxWriter, PostgresEventStore, StoredEvent, StreamAppend } from '@faultline/eventing';
import { CLOCK, Clock, OutboxRelayService } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { decide, initialState, Occurrence } from '../error.decider';
import type { ErrorEvent, ErrorRecorded } from '../error.events';
import { ErrorsListProjection } from '../errors-list/errors-list.projection';
import { publishErrorRecorded } from '../published/error-recorded.mapper';

/** The inbox name of this consumer: one row per handled ErrorOccurred. */
export const RECORD_ERRORS_CONSUMER = 'errors.record-errors';

export const errorStreamId = (errorId: string): string => `error-${errorId}`;

/**
 * Turns a batch of reported failures into recorded errors in one transaction: claims them in
 * the inbox (so a redelivered report changes nothing), appends ErrorRecorded to each new
 * error's stream, updates the Errors list and writes the published events to the outbox.
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
  ) {}

  async handle(reports: ErrorOccurredV1[]): Promise<void> {
    if (reports.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      const fresh = await this.inbox.claim(manager, RECORD_ERRORS_CONSUMER, reports.map((report) => report.eventId));
      const firstOfEach = reports.filter((report) => fresh.delete(report.eventId));
      const appends = firstOfEach.map((report) => this.recordError(report));
      const stored = await this.eventStore.append<ErrorEvent>(manager, appends);
      await this.errorsList.apply(manager, stored);
      await this.outbox.enqueue(
        manager,
        stored.filter(isRecorded).map((event) => publishErrorRecorded(event)),
      );
    });
    this.relay.nudge();
  }

  private recordError(report: ErrorOccurredV1): StreamAppend<ErrorEvent> {
    const errorId = randomUUID();
    const now = this.clock.now();
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
