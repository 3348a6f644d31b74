import { ErrorOccurredV1 } from '../flow/error-occurred';
import { breakingChanges, JsonSchema } from './compatibility';
import { jsonSchemaOf } from './json-schema-files';

/** A real published schema, changed by hand the ways a contract breaks, and the ways it does not. */
const published = (): JsonSchema => jsonSchemaOf(ErrorOccurredV1);
type Edit = (schema: JsonSchema & { properties: Record<string, JsonSchema> }) => void;
const changed = (edit: Edit): JsonSchema => {
  const copy = published() as JsonSchema & { properties: Record<string, JsonSchema> };
  edit(copy);
  return copy;
};
const data = (schema: JsonSchema & { properties: Record<string, JsonSchema> }) => schema.properties.data as JsonSchema & { properties: Record<string, JsonSchema>; required: string[] };

describe('the compatibility check', () => {
  it('finds nothing when nothing changed, or when an optional field is added or a bound widened', () => {
    expect(breakingChanges(published(), published())).toEqual([]);
    expect(breakingChanges(published(), changed((schema) => (data(schema).properties.flowName = { type: 'string' })))).toEqual([]);
    expect(breakingChanges(published(), changed((schema) => (data(schema).properties.message.maxLength = 1_000_000)))).toEqual([]);
  });

  it.each<[string, Edit, RegExp]>([
    ['a field removed', (schema) => delete data(schema).properties.traceKey, /data\.traceKey: removed/],
    ['a field retyped', (schema) => (data(schema).properties.httpStatus = { type: 'string' }), /data\.httpStatus: type integer became string/],
    ['a field newly required', (schema) => data(schema).required.push('traceKey'), /data\.traceKey: newly required/],
    ['an enum narrowed', (schema) => (data(schema).properties.stepType = { anyOf: [{ const: 'export', type: 'string' }] }), /data\.stepType: no longer accepts "import"/],
    ['a range narrowed', (schema) => (data(schema).properties.message.maxLength = 10), /data\.message: maxLength narrowed to 10/],
    ['additionalProperties closed', (schema) => (schema.additionalProperties = false), /\(the message\): additionalProperties closed/],
  ])('fails on %s', (_name, edit, expected) => {
    const changes = breakingChanges(published(), changed(edit));
    expect(changes).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});
