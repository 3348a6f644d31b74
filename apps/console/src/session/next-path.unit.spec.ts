import { safeNext, signInPath } from './next-path';

describe('coming back after signing in', () => {
  it('keeps the page asked for, query included', () => {
    expect(signInPath('/errors?assignee=me', 'expired')).toBe('/sign-in?next=%2Ferrors%3Fassignee%3Dme&reason=expired');
    expect(safeNext('/errors/5a0e?x=1')).toBe('/errors/5a0e?x=1');
  });

  it('never leaves the console', () => {
    for (const next of [null, '', 'https://evil.test', '//evil.test/x', '/\\evil.test', 'javascript:alert(1)', '/errors\n']) expect(safeNext(next)).toBe('/errors');
  });
});
