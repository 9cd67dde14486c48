'use client';

import type { FormEvent, ReactNode } from 'react';
import type { FieldError, ProfileFields } from '@/lib/api';
import { countries, isCountryCode } from '@/lib/profile/countries';
import { PROFILE_FIELD_LABELS, readField, withField, type ProfileFieldKey } from '@/lib/profile/profile-field';
import styles from './profile.module.css';

interface TextField {
  key: Exclude<ProfileFieldKey, 'country'>;
  autoComplete: string;
  required: boolean;
  type?: 'email';
  /** The API's own limit, so the form cannot send what it would refuse. */
  maxLength?: number;
}

const CONTACT: TextField[] = [
  { key: 'name', autoComplete: 'name', required: true, maxLength: 100 },
  { key: 'email', autoComplete: 'email', required: true, type: 'email', maxLength: 254 },
];
const ADDRESS: TextField[] = [
  { key: 'line1', autoComplete: 'address-line1', required: true },
  { key: 'line2', autoComplete: 'address-line2', required: false },
  { key: 'city', autoComplete: 'address-level2', required: true },
  { key: 'postalCode', autoComplete: 'postal-code', required: true },
];
const COUNTRIES = countries();
const COUNTRY_ID = 'address-country';

/** Name, email and shipping address, each field with its server-side error (`fieldErrors`, by dotted path such as `shippingAddress.city`). */
export function ProfileForm(props: {
  value: ProfileFields;
  onChange: (value: ProfileFields) => void;
  onSubmit: () => void;
  saving: boolean;
  fieldErrors: readonly FieldError[];
}) {
  const { value, onChange, saving, fieldErrors } = props;
  const errorOf = (path: string) => fieldErrors.find((e) => e.field === path)?.messages.join('; ');
  const country = value.shippingAddress.country;
  const countryError = errorOf('shippingAddress.country');
  // A stored value that is no country code is shown as it is, never swapped for a guess, until the customer picks one.
  const unknownCountry = country !== '' && !isCountryCode(country);

  function submit(event: FormEvent) {
    event.preventDefault();
    props.onSubmit();
  }

  const input = ({ key, autoComplete, required, type, maxLength }: TextField, id: string, path: string) => {
    const error = errorOf(path);
    return (
      <Field key={key} id={id} label={`${PROFILE_FIELD_LABELS[key]}${required ? '' : ' (optional)'}`} error={error}>
        <input
          id={id}
          type={type}
          autoComplete={autoComplete}
          required={required}
          maxLength={maxLength}
          value={readField(value, key)}
          onChange={(e) => onChange(withField(value, key, e.target.value))}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </Field>
    );
  };

  return (
    <form className={`card ${styles.form}`} onSubmit={submit} aria-labelledby="profile-form-title">
      <h2 id="profile-form-title">Your details</h2>
      <fieldset className={styles.fieldset}>
        <legend>Contact</legend>
        {CONTACT.map((field) => input(field, field.key, field.key))}
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend>Shipping address</legend>
        {ADDRESS.map((field) => input(field, `address-${field.key}`, `shippingAddress.${field.key}`))}
        <Field id={COUNTRY_ID} label={PROFILE_FIELD_LABELS.country} error={countryError} hint="Saved as its ISO 3166 code, e.g. DE for Germany">
          <select
            id={COUNTRY_ID}
            autoComplete="country"
            required
            value={country}
            onChange={(e) => onChange(withField(value, 'country', e.target.value))}
            aria-invalid={Boolean(countryError) || unknownCountry}
            aria-describedby={[`${COUNTRY_ID}-hint`, countryError && `${COUNTRY_ID}-error`].filter(Boolean).join(' ')}
          >
            <option value="" disabled>
              Choose a country
            </option>
            {unknownCountry && <option value={country}>{country}: not a country code, choose a country</option>}
            {COUNTRIES.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      <button type="submit" className="button" disabled={saving}>
        {saving ? 'Saving…' : 'Save profile'}
      </button>
    </form>
  );
}

function Field({ id, label, error, hint, children }: { id: string; label: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span id={`${id}-hint`} className="field__hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="field__error">
          {error}
        </span>
      )}
    </div>
  );
}
