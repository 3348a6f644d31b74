/** Keyboard-first triage: one key per action on the Errors page. */
export const SHORTCUTS = {
  next: { keys: 'j', does: 'Move to the next error' },
  previous: { keys: 'k', does: 'Move to the previous error' },
  toggle: { keys: 'x', does: 'Select or unselect the current error' },
  open: { keys: 'Enter', does: 'Open the current error' },
  assign: { keys: 'a', does: 'Assign the selection (or the current error)' },
  resolve: { keys: 'e', does: 'Resolve the selection (or the current error)' },
  retry: { keys: 'r', does: 'Retry the selection (or the current error)' },
  tag: { keys: 't', does: 'Tag the selection (or the current error)' },
  search: { keys: '/', does: 'Search the messages' },
  help: { keys: '?', does: 'Show these shortcuts' },
  palette: { keys: 'Ctrl-K', does: 'Run any command' },
} as const;

export type Shortcut = keyof typeof SHORTCUTS;

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The focused element is a text field (input, textarea, select, contenteditable). */
  typing: boolean;
  /** A dialog is open: it owns the keyboard. */
  dialogOpen: boolean;
}

const SINGLE_KEYS: Record<string, Shortcut> = { j: 'next', k: 'previous', x: 'toggle', Enter: 'open', a: 'assign', e: 'resolve', r: 'retry', t: 'tag', '/': 'search', '?': 'help' };

/** Which shortcut a key press means, if any: never while typing or in a dialog, except the palette. */
export function shortcutOf(press: KeyPress): Shortcut | undefined {
  if ((press.ctrlKey || press.metaKey) && press.key.toLowerCase() === 'k') return 'palette';
  if (press.typing || press.dialogOpen || press.ctrlKey || press.metaKey || press.altKey) return undefined;
  return SINGLE_KEYS[press.key];
}

/** The next active row for j/k, kept within the list. */
export function moveActive(index: number, shortcut: 'next' | 'previous', length: number): number {
  if (length === 0) return -1;
  if (index < 0) return 0;
  return Math.min(length - 1, Math.max(0, index + (shortcut === 'next' ? 1 : -1)));
}
