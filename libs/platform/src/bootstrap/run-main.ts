import type { INestApplication } from '@nestjs/common';
import { ConfigError } from '../config/env-reader';

/**
 * The process entry of a service: start it, stop it cleanly on SIGTERM/SIGINT, and on a bad
 * configuration print what is wrong (one JSON line) and exit non-zero without a stack trace.
 */
export function runMain(service: string, start: () => Promise<INestApplication>): void {
  start().then(
    (app) => {
      let stopping: Promise<void> | undefined;
      const stop = () => {
        stopping ??= app.close().then(() => process.exit(0));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (error: Error) => {
      const problems = error instanceof ConfigError ? error.problems : undefined;
      process.stderr.write(
        `${JSON.stringify({ level: 'fatal', service, message: `faultline-${service} failed to start: ${error.message}`, problems })}\n`,
      );
      process.exit(1);
    },
  );
}
