import type { ErrorsFilter } from '@faultline/contracts/browser';

/**
 * Which errors a bulk action applies to: some rows picked by hand, or every error matching a
 * filter, frozen with the count the server gave when it was chosen, so the scope cannot change
 * between what a person confirmed and what runs.
 */
export type Selection =
  | { kind: 'rows'; errorIds: readonly string[] }
  | { kind: 'all-matching'; filter: ErrorsFilter; total: number };

export const NOTHING_SELECTED: Selection = { kind: 'rows', errorIds: [] };

export function toggleRow(selection: Selection, errorId: string): Selection {
  const errorIds = selection.kind === 'rows' ? selection.errorIds : [];
  return { kind: 'rows', errorIds: errorIds.includes(errorId) ? errorIds.filter((id) => id !== errorId) : [...errorIds, errorId] };
}

/** Selects every row shown, or clears them when all already are. */
export function toggleShown(selection: Selection, shownIds: readonly string[]): Selection {
  if (selection.kind === 'rows' && shownIds.length > 0 && shownIds.every((id) => selection.errorIds.includes(id))) {
    return { kind: 'rows', errorIds: selection.errorIds.filter((id) => !shownIds.includes(id)) };
  }
  const kept = selection.kind === 'rows' ? selection.errorIds : [];
  return { kind: 'rows', errorIds: [...kept, ...shownIds.filter((id) => !kept.includes(id))] };
}

/**
 * Everything matching the filter as it stands at `now`: errors that occur later are left out
 * (`to` is pinned), so the scope confirmed is the scope acted on.
 */
export function allMatching(filter: ErrorsFilter, total: number, now: Date): Selection {
  return { kind: 'all-matching', filter: { ...filter, to: filter.to ?? now.toISOString() }, total };
}

export function isSelected(selection: Selection, errorId: string): boolean {
  return selection.kind === 'all-matching' || selection.errorIds.includes(errorId);
}

export function selectedCount(selection: Selection): number {
  return selection.kind === 'rows' ? selection.errorIds.length : selection.total;
}

/** Rows picked by hand stay selected across pages and filters only while still listed. */
export function keepListed(selection: Selection, listedIds: ReadonlySet<string>): Selection {
  if (selection.kind === 'all-matching') return selection;
  const errorIds = selection.errorIds.filter((id) => listedIds.has(id));
  return errorIds.length === selection.errorIds.length ? selection : { kind: 'rows', errorIds };
}
