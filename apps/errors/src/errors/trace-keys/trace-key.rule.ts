import type { FlowSettings } from '../flows/flow.events';

/**
 * What a new failure does when an open error of the same flow step already has its trace key:
 * with auto-resolve on, the new error replaces the old one (which is resolved as superseded and
 * hands on its assignee); with it off, the old error counts one more occurrence.
 */
export type OccurrenceRoute =
  | { route: 'record' }
  | { route: 'occurred-again'; errorId: string }
  | { route: 'supersede'; errorId: string };

export function routeOccurrence(openErrorWithTraceKey: string | undefined, settings: FlowSettings): OccurrenceRoute {
  if (openErrorWithTraceKey === undefined) return { route: 'record' };
  return settings.autoResolveMatchingTraceKey
    ? { route: 'supersede', errorId: openErrorWithTraceKey }
    : { route: 'occurred-again', errorId: openErrorWithTraceKey };
}

/** A record that later succeeds resolves its open errors only where auto-resolve is on. */
export const recordSuccessResolves = (settings: FlowSettings): boolean => settings.autoResolveMatchingTraceKey;
