import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * A job a service runs every `intervalMs` while it is up (a purge, a flush, a delivery). The
 * work keeps its state in the database, so a missed tick is caught up by the next one; a
 * failing tick is logged and the next one tries again. Ticks never overlap: one asked for while
 * another runs happens right after it. The timer never keeps the process alive, and shutdown
 * waits for the running tick.
 */
export abstract class PeriodicJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;

  protected abstract readonly name: string;
  protected abstract intervalMs(): number;
  abstract tick(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.nudge(), this.intervalMs());
    this.timer.unref();
  }

  /** Runs the job now, or right after the running tick, instead of waiting for the timer. */
  nudge(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.tick()
      .then(
        () => undefined,
        (error: Error) => new Logger(this.name).error(`${this.name} failed: ${error.message}`),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again && this.timer) {
          this.again = false;
          this.nudge();
        }
      });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
