import { jsonFaults, jsonTextPrefix, MAX_JSON_DEPTH, repairedText } from '@faultline/contracts';
import type { FlowReport } from './flow-report';

/** How much of a too-deep response body or retry data is kept, as its JSON text. */
export const KEPT_TEXT_LENGTH = 65_536;
const NAMED_FIELDS = 10;

/**
 * A runtime's report made storable rather than refused, since a failure must not be lost for
 * a bad byte in the called app's response: text PostgreSQL cannot store becomes U+FFFD, and a
 * `responseBody` or `retryData` nested deeper than MAX_JSON_DEPTH is kept as its JSON text, cut
 * to KEPT_TEXT_LENGTH characters. `repairs` says what was changed, to be shown with the error.
 */
export function repairedReport(report: FlowReport): { report: FlowReport; repairs: string[] } {
  const repairs: string[] = [];
  let bounded = report;
  if (report.type === 'ErrorOccurred') {
    for (const field of ['responseBody', 'retryData'] as const) {
      const value = report.data[field];
      if (value === undefined || jsonFaults(value).tooDeep === undefined) continue;
      bounded = { ...bounded, data: { ...bounded.data, [field]: jsonTextPrefix(value, KEPT_TEXT_LENGTH) } } as FlowReport;
      repairs.push(`/data/${field}: nested deeper than ${MAX_JSON_DEPTH} levels; kept as its JSON text, cut to ${KEPT_TEXT_LENGTH} characters`);
    }
  }
  const { value, repaired } = repairedText(bounded);
  if (repaired.length > 0) {
    const more = repaired.length > NAMED_FIELDS ? ` and ${repaired.length - NAMED_FIELDS} more` : '';
    repairs.push(`${repaired.slice(0, NAMED_FIELDS).join(', ')}${more}: characters PostgreSQL cannot store (NUL, lone surrogates) replaced with U+FFFD`);
  }
  return { report: value, repairs };
}
