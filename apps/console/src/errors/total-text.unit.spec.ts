import { countText, totalText } from './total-text';

describe("a list's count as people read it", () => {
  it('is exact below the cap, "at least" at it', () => {
    expect(totalText({ total: 1_234, totalCapped: false })).toBe('1,234');
    expect(totalText({ total: 10_000, totalCapped: true })).toBe('10,000+');
    expect(countText(9_950, true)).toBe('9,950+');
    expect(totalText(undefined)).toBeUndefined();
  });
});
