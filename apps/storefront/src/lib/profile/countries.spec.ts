import { countries, countryName, isCountryCode } from './countries';

describe('countries()', () => {
  it('offers Germany as DE and Georgia as GE, each under its own name', () => {
    const list = countries();
    expect(list).toContainEqual({ code: 'DE', name: 'Germany' });
    expect(list).toContainEqual({ code: 'GE', name: 'Georgia' });
  });

  it('lists every ISO 3166-1 alpha-2 country once, by name', () => {
    const list = countries();
    expect(list).toHaveLength(249);
    expect(new Set(list.map((c) => c.code)).size).toBe(list.length);
    const names = list.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
  });
});

describe('isCountryCode(code)', () => {
  it('accepts assigned codes in capitals only, as the API stores them', () => {
    expect(isCountryCode('GB')).toBe(true);
    expect(isCountryCode('gb')).toBe(false);
    expect(isCountryCode('XX')).toBe(false);
    expect(isCountryCode('GER')).toBe(false);
  });
});

describe('countryName(code)', () => {
  it('names a code, and returns an unknown code as it is rather than guessing', () => {
    expect(countryName('FR')).toBe('France');
    expect(countryName('XX')).toBe('XX');
  });
});
