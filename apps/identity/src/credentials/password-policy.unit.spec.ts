import { passwordWeakness } from './password-policy';

describe('a new password', () => {
  it.each([
    ['too short', 'Sh0rt-pass!', /at least 12 characters/],
    ['only spaces', ' '.repeat(12), /only spaces/],
    ['a well-known one', 'qazwsxedcrfv', /most common/],
    ['a well-known one in capitals', 'QWERTY123456', /most common/],
    ['a well-known word padded with digits', 'dragon123456', /most common/],
    ['a well-known word padded with symbols and digits', '!!password2024', /most common/],
  ])('%s is refused, saying why', (_case, password, why) => {
    expect(passwordWeakness(password)).toMatch(why);
  });

  it.each(['correct horse battery staple', 'Faultline-owner-2026', 'ünïcödé-pässwörd'])('%j is accepted', (password) => {
    expect(passwordWeakness(password)).toBeUndefined();
  });
});
