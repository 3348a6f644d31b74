import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { ErrorsListRow, toListItem } from './errors-list.query';
import type { ErrorListItem } from '@faultline/contracts';

const COLUMNS: Array<keyof ErrorListItem> = [
  'errorId', 'integrationId', 'flowId', 'flowStepId', 'stepType', 'runId', 'status', 'message', 'code', 'source',
  'httpStatus', 'httpStatusName', 'errorClass', 'severity', 'retryDataKey', 'traceKey', 'occurrences', 'tagIds',
  'assigneeUserId', 'resolution', 'resolvedAt', 'occurredAt', 'lastOccurredAt', 'recordedAt',
];

/** RFC 4180: quote fields holding separators, quotes or line breaks; double the quotes. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  // A leading =, +, -, @, tab or carriage return (OWASP's list) would run as a formula in a
  // spreadsheet; a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Writes pages of the list as CSV, waiting for the client to drain before the next page. */
export async function writeErrorsCsv(pages: AsyncIterable<ErrorsListRow[]>, out: Writable): Promise<void> {
  out.write(`${COLUMNS.join(',')}\r\n`);
  for await (const rows of pages) {
    const text = rows.map((row) => {
      const item = toListItem(row);
      return COLUMNS.map((column) => csvField(item[column])).join(',');
    });
    if (!out.write(`${text.join('\r\n')}\r\n`)) await once(out, 'drain');
  }
  out.end();
}
