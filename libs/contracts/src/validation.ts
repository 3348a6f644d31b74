import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import { fieldMessage } from './field-messages';
import { registerFormats } from './formats';
import { ContractRegistry, contractKey } from './registry';

registerFormats();

export type Validation<T> = { ok: true; value: T } | { ok: false; reason: string };

const compiled = new Map<TSchema, TypeCheck<TSchema>>();

function checker<S extends TSchema>(schema: S): TypeCheck<S> {
  let check = compiled.get(schema);
  if (!check) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  return check as TypeCheck<S>;
}

/** Checks a value against one schema; the reason names the first field at fault. */
export function validate<S extends TSchema>(schema: S, value: unknown): Validation<Static<S>> {
  const check = checker(schema);
  if (check.Check(value)) return { ok: true, value };
  const first = check.Errors(value).First();
  const field = first?.path ? first.path : '/';
  return { ok: false, reason: `${field}: ${first ? fieldMessage(first) : 'is invalid'}` };
}

/** Every field at fault (at most `limit`), for answers that name them all. */
export function fieldErrors(schema: TSchema, value: unknown, limit = 10): Array<{ path: string; message: string }> {
  const errors: Array<{ path: string; message: string }> = [];
  for (const error of checker(schema).Errors(value)) {
    if (errors.some((known) => known.path === error.path)) continue;
    errors.push({ path: error.path || '/', message: fieldMessage(error) });
    if (errors.length >= limit) break;
  }
  return errors;
}

const MAX_VERSIONS_AHEAD = 5;

/** Parses a raw message from a topic and checks it against the contract its type names. */
export function parseEvent(topic: string, raw: Buffer | string | null): Validation<{ type: string; version: number }> {
  if (raw === null || raw.length === 0) return { ok: false, reason: 'empty message value' };
  let value: unknown;
  try {
    value = JSON.parse(raw.toString());
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'value is not a JSON object' };
  }
  const schema = contractFor(topic, value);
  if (!schema) return { ok: false, reason: `unknown event ${describe(value)} on ${topic}` };
  const result = validate(schema, value) as Validation<{ type: string; version: number }>;
  if (result.ok) return result;
  const later = laterVersionAccepting(topic, value);
  return later === undefined ? result : { ok: false, reason: `${result.reason} (valid as version ${later}: send it with "version": ${later})` };
}

/** A newer version of the message's own event that would take it as it is: a runtime that sent fields of v2 as v1 is told so. */
function laterVersionAccepting(topic: string, value: object): number | undefined {
  const version = Number((value as { version?: unknown }).version);
  if (!Number.isSafeInteger(version)) return undefined;
  for (let ahead = 1; ahead <= MAX_VERSIONS_AHEAD; ahead++) {
    const later = version + ahead;
    const candidate = { ...value, version: later };
    const schema = contractFor(topic, candidate);
    if (schema && validate(schema, candidate).ok) return later;
  }
  return undefined;
}

/** The schema a topic's contract gives a message by its type and version, if any. */
export function contractFor(topic: string, value: object): TSchema | undefined {
  const { type, version } = value as { type?: unknown; version?: unknown };
  return (ContractRegistry[topic] ?? []).find((candidate) => candidate.$id === contractKey(String(type), Number(version)));
}

const describe = (value: object): string => {
  const { type, version } = value as { type?: unknown; version?: unknown };
  return `${String(type)} v${String(version)}`;
};
