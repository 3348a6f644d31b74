import { CLOCK, Clock, PeriodicJob } from '@faultline/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { enqueueEmails } from '../emails/email.outbox';
import { EmailSender } from '../emails/email.sender';
import { NOTIFICATIONS_CONFIG, NotificationsConfig } from '../notifications.config';
import { DigestStream, takeDueWindows } from './digest-windows';

export const WINDOWS_PER_BATCH = 500;
export const DIGEST_STREAMS = Symbol('DigestStreams');

/**
 * Flushes every stream's due windows, 500 users per transaction: the windows close and their
 * emails enter the email outbox together. A restart loses nothing: windows are rows, and the
 * first tick after start flushes whatever came due meanwhile. Then the outbox is delivered.
 */
@Injectable()
export class WindowFlusher extends PeriodicJob {
  protected readonly name = 'digest flush';

  constructor(
    private readonly dataSource: DataSource,
    private readonly sender: EmailSender,
    @Inject(DIGEST_STREAMS) private readonly streams: DigestStream[],
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.digest.flushIntervalMs;
  }

  async tick(): Promise<void> {
    for (const stream of this.streams) while ((await this.flushDue(stream)) === WINDOWS_PER_BATCH);
    this.sender.nudge();
  }

  /** Flushes one batch of a stream's due windows; answers how many it took. */
  private flushDue(stream: DigestStream): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const due = await takeDueWindows(manager, stream.stream, now, WINDOWS_PER_BATCH);
      if (due.length === 0) return 0;
      const dueAt = new Map(due.map((window) => [window.userId, window.dueAt]));
      const emails = await stream.compose(manager, due, now);
      await enqueueEmails(manager, emails.map((email) => ({ ...email, dueAt: dueAt.get(email.userId) })), now);
      return due.length;
    });
  }
}
