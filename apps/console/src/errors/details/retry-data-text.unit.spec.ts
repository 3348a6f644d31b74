import { parseRetryData, retryDataText } from './retry-data-text';

describe('the retry data editor', () => {
  it('shows the data as indented JSON, and nothing for none', () => {
    expect(retryDataText({ order: { id: 7 } })).toBe('{\n  "order": {\n    "id": 7\n  }\n}');
    expect(retryDataText(null)).toBe('');
  });

  it('reads back JSON, and says why text is not', () => {
    expect(parseRetryData('{"order": {"id": 8}}')).toEqual({ ok: true, value: { order: { id: 8 } } });
    expect(parseRetryData('  ')).toEqual({ ok: false, why: expect.stringMatching(/empty/) });
    expect(parseRetryData('{"order": ')).toEqual({ ok: false, why: expect.stringMatching(/^not JSON: /) });
  });
});
