import { type KeyPress, moveActive, shortcutOf } from './shortcuts';

const press = (key: string, overrides: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, typing: false, dialogOpen: false, ...overrides });

describe('keyboard triage', () => {
  it('maps single keys to actions', () => {
    expect(['j', 'k', 'x', 'a', 'e', 'r', 't', '/', '?', 'Enter'].map((key) => shortcutOf(press(key)))).toEqual(['next', 'previous', 'toggle', 'assign', 'resolve', 'retry', 'tag', 'search', 'help', 'open']);
    expect(shortcutOf(press('q'))).toBeUndefined();
  });

  it('stays out of the way while typing, in dialogs, and of the browser’s own chords', () => {
    expect(shortcutOf(press('a', { typing: true }))).toBeUndefined();
    expect(shortcutOf(press('e', { dialogOpen: true }))).toBeUndefined();
    expect(shortcutOf(press('r', { ctrlKey: true }))).toBeUndefined();
    expect(shortcutOf(press('j', { altKey: true }))).toBeUndefined();
  });

  it('opens the command palette from anywhere, with Ctrl or ⌘', () => {
    expect(shortcutOf(press('k', { ctrlKey: true, typing: true }))).toBe('palette');
    expect(shortcutOf(press('K', { metaKey: true, dialogOpen: true }))).toBe('palette');
  });

  it('moves within the list', () => {
    expect(moveActive(-1, 'next', 3)).toBe(0);
    expect(moveActive(0, 'previous', 3)).toBe(0);
    expect(moveActive(1, 'next', 3)).toBe(2);
    expect(moveActive(2, 'next', 3)).toBe(2);
    expect(moveActive(0, 'next', 0)).toBe(-1);
  });
});
