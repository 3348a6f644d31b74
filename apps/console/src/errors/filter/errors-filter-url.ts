import { hasControlCharacters } from '../../app/control-characters';
import { ErrorClassName, type ErrorsFilter, SeverityName } from '@faultline/contracts/browser';

export type { ErrorsFilter };
export type ErrorStatus = NonNullable<ErrorsFilter['status']>;

const literals = (union: { anyOf: Array<{ const: unknown }> }): string[] => union.anyOf.map((member) => String(member.const));
export const ERROR_CLASSES = literals(ErrorClassName);
export const SEVERITIES = literals(SeverityName);

/** The filter's keys in the order the URL shows them, so one filter has one address. */
export const FILTER_KEYS = ['status', 'integrationId', 'flowId', 'flowStepId', 'assignee', 'tags', 'tagsMatch', 'errorClass', 'severity', 'httpStatus', 'source', 'from', 'to', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What each key accepts from an address someone typed or pasted: anything else is left out, so
 * a stale or mangled link opens the widest list it can rather than an error page.
 */
const ACCEPTS: Record<FilterKey, (value: string) => boolean> = {
  status: (value) => value === 'open' || value === 'resolved',
  integrationId: boundedText(100),
  flowId: boundedText(100),
  flowStepId: boundedText(100),
  assignee: boundedText(100),
  tags: (value) => value.split(',').every((tag) => UUID.test(tag)) && value.split(',').length <= 100,
  tagsMatch: (value) => value === 'any' || value === 'all',
  errorClass: (value) => ERROR_CLASSES.includes(value),
  severity: (value) => SEVERITIES.includes(value),
  httpStatus: (value) => /^[1-5][0-9]{2}$/.test(value),
  source: boundedText(200),
  from: isTimestamp,
  to: isTimestamp,
  q: boundedText(200),
};

/** The Errors page's filter from its address; the status defaults to open. */
export function filterFromSearch(search: URLSearchParams): ErrorsFilter {
  const filter: Record<string, string | number> = { status: 'open' };
  for (const key of FILTER_KEYS) {
    const value = search.get(key)?.trim();
    if (value && ACCEPTS[key](value)) filter[key] = key === 'httpStatus' ? Number(value) : value;
  }
  return filter as ErrorsFilter;
}

/** What the address asked for that no filter accepts (`severity=urgent`), so the page can say it left it out. */
export function ignoredInSearch(search: URLSearchParams, filter: ErrorsFilter): string[] {
  const known = new Set<string>([...FILTER_KEYS, 'columns']);
  return [...search.entries()]
    .filter(([key, value]) => !known.has(key) || (key !== 'columns' && value.trim() !== '' && String(filter[key as FilterKey] ?? '') !== value.trim()))
    .map(([key, value]) => `${key}=${value.slice(0, 40)}`);
}

/** The address of a filter: known keys only, in one order, empty ones left out. */
export function searchFromFilter(filter: ErrorsFilter): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return search;
}

/** The filter with one key changed (or removed, given undefined or ''). */
export function withFilter(filter: ErrorsFilter, key: FilterKey, value: string | number | undefined): ErrorsFilter {
  const next: Record<string, unknown> = { ...filter };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next as ErrorsFilter;
}

/** The filter as people read it, for confirming a bulk action's scope: "open · integration acme · text "timeout"". */
export function describeFilter(filter: ErrorsFilter, names: { user?: (userId: string) => string; tag?: (tagId: string) => string } = {}): string {
  const parts: string[] = [filter.status ?? 'open or resolved'];
  if (filter.integrationId) parts.push(`integration ${filter.integrationId}`);
  if (filter.flowId) parts.push(`flow ${filter.flowId}`);
  if (filter.flowStepId) parts.push(`step ${filter.flowStepId}`);
  if (filter.assignee) parts.push(filter.assignee === 'unassigned' ? 'unassigned' : `assigned to ${filter.assignee === 'me' ? 'me' : (names.user?.(filter.assignee) ?? filter.assignee)}`);
  if (filter.tags) {
    const tags = filter.tags.split(',').map((tagId) => names.tag?.(tagId) ?? tagId);
    parts.push(`tagged ${tags.join(filter.tagsMatch === 'all' ? ' and ' : ' or ')}`);
  }
  if (filter.errorClass) parts.push(`class ${filter.errorClass}`);
  if (filter.severity) parts.push(`severity ${filter.severity}`);
  if (filter.httpStatus) parts.push(`HTTP ${filter.httpStatus}`);
  if (filter.source) parts.push(`source ${filter.source}`);
  if (filter.from) parts.push(`since ${filter.from}`);
  if (filter.to) parts.push(`before ${filter.to}`);
  if (filter.q) parts.push(`message contains "${filter.q}"`);
  return parts.join(' · ');
}

function boundedText(maxLength: number): (value: string) => boolean {
  return (value) => value.length <= maxLength && !hasControlCharacters(value);
}

function isTimestamp(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}
