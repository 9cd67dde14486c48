'use client';

import { countries, isCountryCode } from '@/lib/profile/countries';

const COUNTRIES = countries();

export interface CountrySelectProps {
  id: string;
  /** The stored ISO 3166-1 alpha-2 code, or '' before one is chosen. */
  value: string;
  onChange: (code: string) => void;
  invalid: boolean;
  describedBy?: string;
}

/**
 * The shipping country, chosen by name and saved as its code: what the customer picks is exactly
 * what is stored. A stored value that is no country code is shown as it is, never swapped for a
 * guess, until the customer picks a country.
 */
export function CountrySelect({ id, value, onChange, invalid, describedBy }: CountrySelectProps) {
  const unknown = value !== '' && !isCountryCode(value);
  return (
    <select
      id={id}
      autoComplete="country"
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={invalid || unknown}
      aria-describedby={describedBy}
    >
      <option value="" disabled>
        Choose a country
      </option>
      {unknown && <option value={value}>{value}: not a country code, choose a country</option>}
      {COUNTRIES.map(({ code, name }) => (
        <option key={code} value={code}>
          {name}
        </option>
      ))}
    </select>
  );
}
