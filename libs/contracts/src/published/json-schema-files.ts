import type { TSchema } from '@sinclair/typebox';
import { ContractRegistry } from '../registry';

/** Where the published JSON Schemas live, from the repository's root. */
export const SCHEMAS_DIR = 'libs/contracts/schemas';

/** Every event schema in every version, once (an event on two topics is one schema). */
export function publishedSchemas(): TSchema[] {
  const byId = new Map<string, TSchema>();
  for (const schemas of Object.values(ContractRegistry)) for (const schema of schemas) byId.set(String(schema.$id), schema);
  return [...byId.values()].sort((a, b) => String(a.$id).localeCompare(String(b.$id)));
}

/** A schema as plain JSON Schema (draft 07), for validators in any language. */
export function jsonSchemaOf(schema: TSchema): Record<string, unknown> {
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...(JSON.parse(JSON.stringify(schema)) as Record<string, unknown>) };
}

/** One file per event type and version: `<Type>.v<N>.schema.json`. */
export function jsonSchemaFiles(): Array<{ path: string; text: string }> {
  return publishedSchemas().map((schema) => ({ path: `${SCHEMAS_DIR}/${schema.$id}.schema.json`, text: `${JSON.stringify(jsonSchemaOf(schema), null, 2)}\n` }));
}
