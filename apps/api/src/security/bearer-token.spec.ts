import { bearerToken } from './bearer-token';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('bearerToken(authorization)', () => {
  it('returns the token of exactly "Bearer <token>"', () => {
    expect(bearerToken(`Bearer ${JWT}`)).toBe(JWT);
  });

  it('reads the scheme case-insensitively, as RFC 9110 §11.1 says', () => {
    expect(bearerToken(`bearer ${JWT}`)).toBe(JWT);
  });

  it('accepts every token68 character, padding included', () => {
    expect(bearerToken('Bearer aZ09-._~+/==')).toBe('aZ09-._~+/==');
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['the scheme alone', 'Bearer'],
    ['the scheme and a space', 'Bearer '],
    ['text after the token', `Bearer ${JWT} junk`],
    ['a trailing space', `Bearer ${JWT} `],
    ['a leading space', ` Bearer ${JWT}`],
    ['two spaces', `Bearer  ${JWT}`],
    ['a tab', `Bearer\t${JWT}`],
    ['a newline after the token', `Bearer ${JWT}\n`],
    ['two tokens separated by a comma', `Bearer ${JWT}, Bearer ${JWT}`],
    ['another scheme', `Basic ${JWT}`],
    ['a scheme that starts like Bearer', `Bearerx ${JWT}`],
    ['no scheme', JWT],
    ['a quoted token', `Bearer "${JWT}"`],
    ['padding in the middle', 'Bearer ab=cd'],
    ['a character outside token68', `Bearer ${JWT}!`],
  ])('returns undefined for %s', (_case, value) => {
    expect(bearerToken(value)).toBeUndefined();
  });
});
