import { useEffect, useRef } from 'react';
import { type Shortcut, shortcutOf } from './shortcuts';

/** Calls `on` with each shortcut pressed on the page (the latest `on`, without re-subscribing). */
export function useShortcuts(on: (shortcut: Shortcut, event: KeyboardEvent) => void): void {
  const handler = useRef(on);
  handler.current = on;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = Boolean(target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)));
      const dialogOpen = Boolean(document.querySelector('[role="dialog"]'));
      const shortcut = shortcutOf({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, typing, dialogOpen });
      if (!shortcut) return;
      // Enter on a link or button keeps its own meaning.
      if (shortcut === 'open' && target && ['A', 'BUTTON'].includes(target.tagName)) return;
      event.preventDefault();
      handler.current(shortcut, event);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
