import type { TSchema } from '@sinclair/typebox';
import type { FieldProblem } from './problem';

const WRITTEN_AS = {
  integer: { pattern: /^-?(0|[1-9]\d{0,14})$/, words: 'a whole number written in digits' },
  number: { pattern: /^-?(0|[1-9]\d{0,14})(\.\d{1,15})?$/, words: 'a number written in digits' },
  boolean: { pattern: /^(true|false)$/, words: 'true or false' },
} as const;

/**
 * Query strings and path segments are text, converted to the schema's types before validation.
 * A number or flag must be written as one: TypeBox's conversion alone takes `true` as 1, `1.5`
 * as the integer 1, `0x10` as 16 and `1e309` as infinity. Names each field written otherwise.
 */
export function misspelledValues(schema: TSchema, value: unknown, part: 'query' | 'params'): FieldProblem[] {
  const properties = (schema as { properties?: Record<string, TSchema> }).properties;
  if (!properties || typeof value !== 'object' || value === null) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([name, given]) => {
    const property = properties[name];
    const type = property?.type === 'array' ? (property.items as TSchema | undefined)?.type : property?.type;
    const rule = WRITTEN_AS[type as keyof typeof WRITTEN_AS];
    if (!rule) return [];
    const texts = (Array.isArray(given) ? given : [given]).filter((text): text is string => typeof text === 'string');
    return texts.some((text) => !rule.pattern.test(text)) ? [{ pointer: `/${part}/${name}`, detail: `must be ${rule.words}` }] : [];
  });
}
