import { EventSchemaVersions } from './upcasting';

const rename = (from: string, to: string) => (data: object) => {
  const { [from]: value, ...rest } = data as Record<string, unknown>;
  return { ...rest, [to]: value };
};

describe('event schema versions', () => {
  const versions = new EventSchemaVersions([
    { type: 'Noted', fromVersion: 2, upcast: rename('body', 'text') },
    { type: 'Noted', fromVersion: 1, upcast: rename('note', 'body') },
  ]);

  it('an event type is at version 1 until an upcaster raises it', () => {
    expect(versions.current('Other')).toBe(1);
    expect(versions.current('Noted')).toBe(3);
  });

  it('stored data is brought up one step at a time from the version it was stored as', () => {
    expect(versions.upcast('Noted', 1, { note: 'a' })).toEqual({ text: 'a' });
    expect(versions.upcast('Noted', 2, { body: 'b' })).toEqual({ text: 'b' });
    expect(versions.upcast('Noted', 3, { text: 'c' })).toEqual({ text: 'c' });
  });

  it('a gap or a repeated step in the chain is refused when the store is made, not when an event is read', () => {
    expect(() => new EventSchemaVersions([{ type: 'Noted', fromVersion: 2, upcast: (data) => data }])).toThrow('Noted has no upcaster from version 1');
    const twice = { type: 'Noted', fromVersion: 1, upcast: (data: object) => data };
    expect(() => new EventSchemaVersions([twice, twice])).toThrow('two upcasters for Noted version 1');
  });
});
