import { currentCorrelation } from '@faultline/eventing';
import { ConsoleLogger, LogLevel } from '@nestjs/common';

type JsonLogOptions = { context: string; logLevel: LogLevel; writeStreamType?: 'stdout' | 'stderr'; errorStack?: unknown };

/** Nest's JSON logger, each line carrying the correlation of the request or events in hand. */
export class CorrelatedLogger extends ConsoleLogger {
  protected override getJsonLogObject(message: unknown, options: JsonLogOptions) {
    return { ...super.getJsonLogObject(message, options), ...currentCorrelation() };
  }
}
