import { emailTime } from './email-time';

describe('a moment in an email', () => {
  it('is a date and a time in UTC, saying so', () => {
    expect(emailTime('2026-12-09T02:01:24.068Z')).toBe('9 Dec 2026, 02:01 UTC');
    expect(emailTime('2026-01-31T23:59:59+02:00')).toBe('31 Jan 2026, 21:59 UTC');
  });

  it('leaves what is not a time as it was given', () => {
    expect(emailTime('soon')).toBe('soon');
  });
});
