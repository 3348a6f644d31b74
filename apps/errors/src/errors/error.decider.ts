import { classifyError } from './classification/error-class.rules';
import { httpStatusName, readSeverity } from './classification/severity';
import type { Classification, ErrorEvent, ErrorRecorded, Occurrence } from './error.events';

export type { Occurrence };

/** Runtimes cut trace keys at this length; longer ones are cut the same way here. */
export const TRACE_KEY_MAX_LENGTH = 128;

export type ErrorState =
  | { status: 'unrecorded' }
  | { status: 'open'; errorId: string; accountId: string; flowStepId: string; traceKey?: string };

export type RecordError = {
  type: 'RecordError';
  data: { errorId: string; occurrence: Occurrence; now: Date };
};

export type ErrorCommand = RecordError;

/** Recording twice would open two errors for one failure. */
export class ErrorAlreadyRecorded extends Error {
  readonly code = 'ERROR_ALREADY_RECORDED';

  constructor(errorId: string) {
    super(`error ${errorId} is already recorded`);
  }
}

export const initialState = (): ErrorState => ({ status: 'unrecorded' });

export function decide(command: ErrorCommand, state: ErrorState): ErrorEvent[] {
  switch (command.type) {
    case 'RecordError':
      return recordError(command, state);
    default: {
      const unknown: never = command.type;
      throw new Error(`unknown command ${String(unknown)}`);
    }
  }
}

export function evolve(_state: ErrorState, event: ErrorEvent): ErrorState {
  switch (event.type) {
    case 'ErrorRecorded': {
      const { errorId, accountId, flowStepId, traceKey } = event.data;
      return { status: 'open', errorId, accountId, flowStepId, traceKey };
    }
    default: {
      const unknown: never = event.type;
      throw new Error(`unknown event ${String(unknown)}`);
    }
  }
}

function recordError({ data }: RecordError, state: ErrorState): ErrorRecorded[] {
  if (state.status !== 'unrecorded') throw new ErrorAlreadyRecorded(data.errorId);
  const { traceKey, signals: _signals, ...occurrence } = data.occurrence;
  return [
    {
      type: 'ErrorRecorded',
      data: {
        errorId: data.errorId,
        ...occurrence,
        ...(traceKey === undefined ? {} : { traceKey: truncateTraceKey(traceKey) }),
        ...classify(data.occurrence),
        recordedAt: data.now.toISOString(),
      },
    },
  ];
}

/** Severity codes count first; without one, a plain HTTP status may still be named. */
export function classify(occurrence: Occurrence): Classification {
  const signal = readSeverity({ ...occurrence.signals, httpStatus: occurrence.httpStatus });
  const errorClass = classifyError(occurrence);
  if (signal) {
    const { severity, severityCode: _code, ...texts } = signal;
    return { errorClass, severity, ...texts };
  }
  const name = httpStatusName(occurrence.httpStatus);
  return { errorClass, severity: 'none', ...(name ? { httpStatusName: name } : {}) };
}

export function truncateTraceKey(traceKey: string): string {
  return traceKey.slice(0, TRACE_KEY_MAX_LENGTH);
}
