import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

/**
 * A job a service runs every `intervalMs` while it is up (a purge, a flush). The work itself
 * keeps its state in the database, so a missed tick is caught up by the next one; a failing
 * tick is logged and the next one tries again. The timer never keeps the process alive.
 */
export abstract class PeriodicJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  protected abstract readonly name: string;
  protected abstract intervalMs(): number;
  abstract tick(): Promise<unknown>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.tick().catch((error: Error) => new Logger(this.name).error(`${this.name} failed: ${error.message}`));
    }, this.intervalMs());
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
