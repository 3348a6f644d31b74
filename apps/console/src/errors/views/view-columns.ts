import { VIEW_COLUMNS, type ViewColumn } from '@faultline/contracts/browser';

export { VIEW_COLUMNS, type ViewColumn };

export const COLUMN_LABELS: Record<ViewColumn, string> = {
  message: 'Message',
  class: 'Class',
  severity: 'Severity',
  step: 'Step',
  occurrences: 'Occurrences',
  lastOccurred: 'Last occurred',
  assignee: 'Assignee',
  tags: 'Tags',
};

/**
 * The Errors list's columns from the address (`columns=class,assignee`); every column when absent
 * or unreadable. The message is always shown: it is the row's link to the error.
 */
export function columnsFromSearch(search: URLSearchParams): ViewColumn[] {
  const asked = (search.get('columns') ?? '').split(',').filter((column): column is ViewColumn => (VIEW_COLUMNS as readonly string[]).includes(column));
  return asked.length ? VIEW_COLUMNS.filter((column) => column === 'message' || asked.includes(column)) : [...VIEW_COLUMNS];
}

/** The address with these columns (none written when all are shown), the filter untouched. */
export function withColumns(search: URLSearchParams, columns: readonly ViewColumn[]): URLSearchParams {
  const next = new URLSearchParams(search);
  const shown = VIEW_COLUMNS.filter((column) => columns.includes(column));
  if (shown.length === 0 || shown.length === VIEW_COLUMNS.length) next.delete('columns');
  else next.set('columns', shown.join(','));
  return next;
}
