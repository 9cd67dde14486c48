import { CountryCodes } from 'validator/lib/isISO31661Alpha2';

// The API validates with the same list (class-validator's IsISO31661Alpha2 is validator.js's), so
// the form offers exactly the codes the API accepts.
const NAMES = new Intl.DisplayNames('en-GB', { type: 'region', fallback: 'none' });
const CODES: ReadonlySet<string> = CountryCodes;

/** Every ISO 3166-1 alpha-2 country, `{ code: 'DE', name: 'Germany' }`, sorted by name. */
export function countries(): { code: string; name: string }[] {
  return [...CODES].map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

export function isCountryCode(code: string): boolean {
  return CODES.has(code);
}

/** The English name of a country code; the value itself when it names no country. */
export function countryName(code: string): string {
  return (isCountryCode(code) && NAMES.of(code)) || code;
}
