/**
 * What the actions act on, said above them: the selection, else the outlined row (the one j/k
 * moved to), which the buttons then act on; a person must never act on a row without being told.
 */
export function toolbarCaption(selected: number, allMatching: boolean, outlinedRow: boolean): string {
  if (selected > 0) return `${selected.toLocaleString()} selected${allMatching ? ' (all matching)' : ''}`;
  return outlinedRow ? 'The outlined error (select rows to act on more)' : 'Select errors to act on them';
}
