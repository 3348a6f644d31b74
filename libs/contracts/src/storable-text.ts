/**
 * What PostgreSQL cannot store, as one rule for every edge: NUL (U+0000) in text or jsonb, and
 * lone UTF-16 surrogates, which have no UTF-8 form. HTTP input holding either is refused; a
 * runtime's report has them replaced with U+FFFD (see `repairedText`) so no failure is lost.
 * JSON nests at most `MAX_JSON_DEPTH` levels, so no serializer runs out of stack on it.
 */
export const MAX_JSON_DEPTH = 64;
export const REPLACEMENT_CHARACTER = '\uFFFD';

// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The same pattern without the global flag, so `test` keeps no position between calls. */
const HAS_UNSTORABLE = new RegExp(UNSTORABLE.source);

export const isStorableText = (text: string): boolean => !HAS_UNSTORABLE.test(text);

export const storableText = (text: string): string => text.replace(UNSTORABLE, REPLACEMENT_CHARACTER);

/** What is wrong with a JSON value at an edge, by JSON pointer. */
export interface JsonFaults {
  /** Strings (values or keys) holding text PostgreSQL cannot store. */
  unstorable: string[];
  /** The first place nesting goes deeper than the limit. */
  tooDeep?: string;
}

/** Finds unstorable text and too-deep nesting without recursion, so any input is safe to look at. */
export function jsonFaults(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonFaults {
  const faults: JsonFaults = { unstorable: [] };
  const pending: Array<{ value: unknown; pointer: string; depth: number }> = [{ value, pointer: '', depth: 0 }];
  while (pending.length > 0) {
    const { value: current, pointer, depth } = pending.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) faults.unstorable.push(pointer || '/');
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) {
      faults.tooDeep ??= pointer || '/';
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      const at = `${pointer}/${escapePointer(key)}`;
      if (!isStorableText(key)) faults.unstorable.push(at);
      pending.push({ value: child, pointer: at, depth: depth + 1 });
    }
  }
  faults.unstorable.sort();
  return faults;
}

/**
 * The value (no deeper than MAX_JSON_DEPTH) with every string and key made storable; the pointers
 * of what changed, once each, into the repaired value: a pointer is stored with the error, so it
 * names a repaired key as repaired. A value with nothing to repair, nearly every one, is answered
 * as it is, without building a pointer or copying an object.
 */
export function repairedText<T>(value: T): { value: T; repaired: string[] } {
  if (!holdsUnstorableText(value)) return { value, repaired: [] };
  const repaired = new Set<string>();
  const repair = (current: unknown, pointer: string): unknown => {
    if (typeof current === 'string') {
      if (isStorableText(current)) return current;
      repaired.add(pointer || '/');
      return storableText(current);
    }
    if (typeof current !== 'object' || current === null) return current;
    if (Array.isArray(current)) return current.map((child, index) => repair(child, `${pointer}/${index}`));
    return Object.fromEntries(
      Object.entries(current).map(([key, child]) => {
        const storableKey = storableText(key);
        const at = `${pointer}/${escapePointer(storableKey)}`;
        if (storableKey !== key) repaired.add(at);
        return [storableKey, repair(child, at)];
      }),
    );
  };
  return { value: repair(value, '') as T, repaired: [...repaired] };
}

function holdsUnstorableText(value: unknown): boolean {
  const pending = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      if (!isStorableText(current)) return true;
    } else if (typeof current === 'object' && current !== null) {
      for (const [key, child] of Object.entries(current)) {
        if (!isStorableText(key)) return true;
        pending.push(child);
      }
    }
  }
  return false;
}

/** Punctuation queued between the values of `jsonTextPrefix`, never mistaken for data. */
class Punctuation {
  constructor(readonly text: string) {}
}

/**
 * The JSON text of a value, cut at `maxLength` characters, written without recursion: for
 * values too deep or too large to keep as they are.
 */
export function jsonTextPrefix(value: unknown, maxLength: number): string {
  let text = '';
  const pending: unknown[] = [value];
  const between = (index: number) => (index > 0 ? [new Punctuation(',')] : []);
  while (pending.length > 0 && text.length < maxLength) {
    const current = pending.pop();
    if (current instanceof Punctuation) {
      text += current.text;
    } else if (Array.isArray(current)) {
      pending.push(new Punctuation(']'));
      for (let index = current.length - 1; index >= 0; index--) pending.push(current[index], ...between(index));
      text += '[';
    } else if (typeof current === 'object' && current !== null) {
      const entries = Object.entries(current);
      pending.push(new Punctuation('}'));
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index];
        pending.push(child, new Punctuation(`${JSON.stringify(key)}:`), ...between(index));
      }
      text += '{';
    } else {
      text += JSON.stringify(current) ?? 'null';
    }
  }
  return text.slice(0, maxLength);
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
