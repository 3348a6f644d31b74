/** Bar heights for a chart of counts: the tallest bar fills the height; any non-zero bar stays visible. */
export function barHeights(counts: readonly number[], height: number): number[] {
  const peak = Math.max(0, ...counts);
  if (peak === 0) return counts.map(() => 0);
  return counts.map((count) => (count === 0 ? 0 : Math.max(2, Math.round((count / peak) * height))));
}

/**
 * The chart in one sentence, for people who cannot see it. It counts from the first bar's start:
 * 24 hours span 25 hourly bars, the first and the last in part, so a count of bars would mislead.
 */
export function chartSummary(points: ReadonlyArray<{ at: string; errors: number }>, bucket: 'hour' | 'day', label: (at: string) => string): string {
  if (points.length === 0) return 'No new errors.';
  const since = `since ${label(points[0].at)}`;
  const total = points.reduce((sum, point) => sum + point.errors, 0);
  if (total === 0) return `No new errors ${since}.`;
  const peak = points.reduce((top, point) => (point.errors > top.errors ? point : top));
  return `${total} new ${total === 1 ? 'error' : 'errors'} ${since}; most in the ${bucket} of ${label(peak.at)} (${peak.errors}).`;
}
