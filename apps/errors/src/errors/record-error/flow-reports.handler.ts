import { BatchVerdict, Inbox } from '@faultline/eventing';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ERRORS_CONFIG, ErrorsConfig } from '../../errors.config';
import { ErrorsWriter } from '../errors-writer';
import { FlowReport, PublishedFlowReport, upcastFlowReport } from './flow-report';
import { FlowReportsBatch } from './flow-reports.batch';
import { repairedReport } from './report-repair';
import { ReportingAccounts } from './reporting-accounts';

/** The inbox name of this consumer: one row per handled report. */
export const RECORD_ERRORS_CONSUMER = 'errors.record-errors';

/**
 * Handles a batch of runtime reports in one transaction: claims them in the inbox (a
 * redelivered report changes nothing), decides, appends, updates the read models and writes
 * what it publishes to the outbox. Text PostgreSQL cannot store is repaired, not refused (see
 * repairedReport). A report of an account identity never announced, or one a domain rule
 * refuses (a flow reported under another integration), goes back to the consumer as rejected,
 * for the DLQ; a replay once the account exists is handled.
 */
@Injectable()
export class FlowReportsHandler {
  private readonly logger = new Logger(FlowReportsHandler.name);

  constructor(
    private readonly inbox: Inbox,
    private readonly writer: ErrorsWriter,
    private readonly accounts: ReportingAccounts,
    @Inject(ERRORS_CONFIG) private readonly config: ErrorsConfig,
  ) {}

  async handle(reports: PublishedFlowReport[]): Promise<BatchVerdict> {
    const verdict: BatchVerdict = { rejected: [] };
    if (reports.length === 0) return verdict;
    const repaired = reports.map(upcastFlowReport).map(repairedReport);
    const repairs = new Map(repaired.map(({ report, repairs: made }) => [report.eventId, made]));
    const known = await this.accounts.known([...new Set(repaired.map(({ report }) => report.accountId))]);
    const ofKnownAccounts: FlowReport[] = [];
    for (const { report } of repaired) {
      if (known.has(report.accountId)) ofKnownAccounts.push(report);
      else verdict.rejected.push({ eventId: report.eventId, reason: `UNKNOWN_ACCOUNT: account ${report.accountId} is not known to Faultline` });
    }
    await this.writer.writeBatch(async ({ session, manager, now }) => {
      const batch = new FlowReportsBatch(manager, session, now, this.config.retryPolicy, repairs);
      const refused = await this.inbox.handleFresh(manager, RECORD_ERRORS_CONSUMER, ofKnownAccounts, {
        prepare: (fresh) => batch.load(fresh),
        handle: (report) => batch.decide(report),
      });
      verdict.rejected.push(...refused);
    });
    if (verdict.rejected.length > 0) this.logger.warn(`reports refused: ${verdict.rejected.map((entry) => entry.reason).join('; ')}`);
    return verdict;
  }
}
