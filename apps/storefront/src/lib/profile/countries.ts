import { CountryCodes } from 'validator/lib/isISO31661Alpha2';

/** A country as the profile offers it: its ISO 3166-1 alpha-2 code and its English name. */
export interface Country {
  code: string;
  name: string;
}

// The API validates with the same list (class-validator's IsISO31661Alpha2 is validator.js's), so
// the form offers exactly the codes the API accepts.
const NAMES = new Intl.DisplayNames('en-GB', { type: 'region', fallback: 'none' });
const CODES: ReadonlySet<string> = CountryCodes;

/**
 * Every ISO 3166-1 alpha-2 country, named in English and sorted by name.
 *
 * @example
 * countries().find((c) => c.code === 'DE'); // { code: 'DE', name: 'Germany' }
 */
export function countries(): Country[] {
  return [...CODES].map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** Whether `code` is an ISO 3166-1 alpha-2 code, in capitals as stored. */
export function isCountryCode(code: string): boolean {
  return CODES.has(code);
}

/** The English name of an ISO 3166-1 alpha-2 code; the code itself when it names no country. */
export function countryName(code: string): string {
  return (isCountryCode(code) && NAMES.of(code)) || code;
}
