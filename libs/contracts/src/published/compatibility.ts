/** A JSON Schema as committed: plain JSON. */
export type JsonSchema = { [key: string]: unknown };

const asSchema = (value: unknown): JsonSchema | undefined => (value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : undefined);
const typesOf = (schema: JsonSchema): string[] => (schema.type === undefined ? [] : ([] as unknown[]).concat(schema.type).map(String).sort());
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Bounds whose rise (lower bounds) or fall (upper bounds) refuses what was valid before. */
const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];

/**
 * How `next` breaks the contract `previous` stated, one sentence each: a field removed or
 * retyped, a field newly required, an enum, a union, a range or a format narrowed,
 * `additionalProperties` closed. Adding optional fields, or widening, breaks nothing. A change
 * that must break is a new version of the event, published beside the old one.
 */
export function breakingChanges(previous: JsonSchema, next: JsonSchema, at = ''): string[] {
  const where = at || '(the message)';
  const changes: string[] = [];
  const [before, after] = [typesOf(previous), typesOf(next)];
  if (before.length > 0 && before.join('|') !== after.join('|') && !before.every((type) => after.includes(type))) {
    changes.push(`${where}: type ${before.join('|')} became ${after.join('|') || 'something else'}`);
  }
  if ('const' in previous && JSON.stringify(previous.const) !== JSON.stringify(next.const)) changes.push(`${where}: the constant ${JSON.stringify(previous.const)} changed`);
  const removedValues = list(previous.enum).filter((value) => next.enum !== undefined && !list(next.enum).some((candidate) => JSON.stringify(candidate) === JSON.stringify(value)));
  if (removedValues.length > 0 || (previous.enum === undefined && next.enum !== undefined)) changes.push(`${where}: the allowed values were narrowed`);
  changes.push(...boundsNarrowed(previous, next, where));
  if (previous.format !== next.format && next.format !== undefined) changes.push(`${where}: format ${String(previous.format ?? 'none')} became ${String(next.format)}`);
  if (previous.pattern !== next.pattern && next.pattern !== undefined) changes.push(`${where}: the pattern changed`);
  changes.push(...unionNarrowed(previous, next, where));
  changes.push(...objectChanges(previous, next, at));
  const [items, nextItems] = [asSchema(previous.items), asSchema(next.items)];
  if (items && nextItems) changes.push(...breakingChanges(items, nextItems, `${at}[]`));
  return changes;
}

function boundsNarrowed(previous: JsonSchema, next: JsonSchema, where: string): string[] {
  const narrowed = [
    ...LOWER_BOUNDS.filter((bound) => typeof next[bound] === 'number' && (typeof previous[bound] !== 'number' || (next[bound] as number) > (previous[bound] as number))),
    ...UPPER_BOUNDS.filter((bound) => typeof next[bound] === 'number' && (typeof previous[bound] !== 'number' || (next[bound] as number) < (previous[bound] as number))),
  ];
  return narrowed.map((bound) => `${where}: ${bound} narrowed to ${String(next[bound])}`);
}

/** Every branch a union had must still be accepted by one of its branches now. */
function unionNarrowed(previous: JsonSchema, next: JsonSchema, where: string): string[] {
  const branches = list(previous.anyOf).map(asSchema).filter((branch): branch is JsonSchema => branch !== undefined);
  if (branches.length === 0) return [];
  const nextBranches = list(next.anyOf).map(asSchema).filter((branch): branch is JsonSchema => branch !== undefined);
  const candidates = nextBranches.length > 0 ? nextBranches : [next];
  const lost = branches.filter((branch) => !candidates.some((candidate) => breakingChanges(branch, candidate).length === 0));
  return lost.map((branch) => `${where}: no longer accepts ${JSON.stringify(branch.const ?? branch.type ?? branch)}`);
}

function objectChanges(previous: JsonSchema, next: JsonSchema, at: string): string[] {
  const properties = asSchema(previous.properties) ?? {};
  const nextProperties = asSchema(next.properties) ?? {};
  const changes: string[] = [];
  for (const [name, schema] of Object.entries(properties)) {
    const path = at ? `${at}.${name}` : name;
    const now = asSchema(nextProperties[name]);
    if (!now) changes.push(`${path}: removed`);
    else changes.push(...breakingChanges(asSchema(schema) ?? {}, now, path));
  }
  const required = new Set(list(previous.required).map(String));
  for (const name of list(next.required).map(String)) if (!required.has(name)) changes.push(`${at ? `${at}.${name}` : name}: newly required`);
  if (previous.additionalProperties !== false && next.additionalProperties === false && (Object.keys(properties).length > 0 || previous.type === 'object')) {
    changes.push(`${at || '(the message)'}: additionalProperties closed`);
  }
  return changes;
}
