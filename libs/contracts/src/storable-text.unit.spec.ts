import { isStorableText, jsonFaults, jsonTextPrefix, MAX_JSON_DEPTH, repairedText, storableText } from './storable-text';

const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = { next: value };
  return value;
};

describe('text PostgreSQL can store', () => {
  it('replaces NUL and lone surrogates with U+FFFD and keeps surrogate pairs', () => {
    expect(storableText('NUL\u0000inside')).toBe('NUL\uFFFDinside');
    expect(storableText('lone \ud800 high, lone \udc00 low')).toBe('lone \uFFFD high, lone \uFFFD low');
    expect(storableText('pair 😀 kept')).toBe('pair 😀 kept');
  });

  it('names every string and key at fault by JSON pointer', () => {
    const faults = jsonFaults({ name: 'ok', tags: ['fine', 'bad\u0000'], 'key\ud800': 1, 'a/b': { c: '\udfff' } });
    expect(faults).toEqual({ unstorable: ['/a~1b/c', '/key\ud800', '/tags/1'] });
  });

  it('finds nesting deeper than the limit without running out of stack', () => {
    expect(jsonFaults(nested(MAX_JSON_DEPTH)).tooDeep).toBeUndefined();
    expect(jsonFaults(nested(MAX_JSON_DEPTH + 1)).tooDeep).toBe(`/${Array(MAX_JSON_DEPTH).fill('next').join('/')}`);
    expect(jsonFaults(nested(200_000)).tooDeep).toBeDefined();
  });

  it('repairs a value and says where', () => {
    expect(repairedText({ message: 'a\u0000b', list: ['ok', '\ud800'], fine: 1 })).toEqual({
      value: { message: 'a\uFFFDb', list: ['ok', '\uFFFD'], fine: 1 },
      repaired: ['/message', '/list/1'],
    });
  });

  it('answers a value with nothing to repair as it is, and finds an unstorable key deep inside one', () => {
    const clean = { message: 'fine', list: ['ok', { deep: ['\uD83D\uDE00'] }], count: 1 };
    expect(repairedText(clean).value).toBe(clean);
    expect(repairedText(clean).repaired).toEqual([]);
    expect(repairedText({ list: [{ ['k\u0000']: 1 }] })).toEqual({ value: { list: [{ ['k\uFFFD']: 1 }] }, repaired: ['/list/0/k\uFFFD'] });
  });

  it('names a repaired key by its storable form, once even when its value was repaired too', () => {
    const { value, repaired } = repairedText({ retryData: { ['k\ud800']: 'v\udc00', ['a/b\u0000']: 1 } });
    expect(value).toEqual({ retryData: { ['k\uFFFD']: 'v\uFFFD', ['a/b\uFFFD']: 1 } });
    expect(repaired).toEqual(['/retryData/k\uFFFD', '/retryData/a~1b\uFFFD']);
    expect(repaired.every(isStorableText)).toBe(true);
  });

  it('writes the JSON text of any value, cut at a length, even one nested 200,000 deep', () => {
    const value = { a: [1, 'two', null, { b: true }], c: {} };
    expect(jsonTextPrefix(value, 1_000)).toBe(JSON.stringify(value));
    expect(jsonTextPrefix(value, 10)).toBe(JSON.stringify(value).slice(0, 10));
    expect(jsonTextPrefix(nested(200_000), 30)).toBe('{"next":'.repeat(4).slice(0, 30));
  });
});
