import type { Classification, Occurrence } from '../error.events';
import { classifyError } from './error-class.rules';
import { httpStatusName, readSeverity } from './severity';

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
