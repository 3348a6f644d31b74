import { csvField } from './errors-export.csv';

describe('a CSV field', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])('starting like a formula (%j) is kept as text', (text) => {
    expect(csvField(text).replace(/^"/, '').startsWith(`'${text[0]}`)).toBe(true);
  });

  it('quotes separators, quotes and line breaks as RFC 4180 says, and leaves plain text alone', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    expect(csvField(['t1', 't2'])).toBe('t1 t2');
  });
});
