'use client';

import type { FormEvent, ReactNode } from 'react';
import type { FieldError, ProfileFields, ShippingAddress } from '@/lib/api';
import { CountrySelect } from './country-select';
import styles from './profile.module.css';

export interface ProfileFormProps {
  value: ProfileFields;
  onChange: (value: ProfileFields) => void;
  onSubmit: () => void;
  saving: boolean;
  /** Server-side validation errors, by dotted field path (`shippingAddress.city`). */
  fieldErrors: readonly FieldError[];
}

type AddressField = Exclude<keyof ShippingAddress, 'country'>;

const ADDRESS_FIELDS: { field: AddressField; label: string; autoComplete: string; required: boolean; hint?: string }[] = [
  { field: 'line1', label: 'Address line 1', autoComplete: 'address-line1', required: true },
  { field: 'line2', label: 'Address line 2 (optional)', autoComplete: 'address-line2', required: false },
  { field: 'city', label: 'City', autoComplete: 'address-level2', required: true },
  { field: 'postalCode', label: 'Postal code', autoComplete: 'postal-code', required: true },
];
const COUNTRY_ID = 'address-country';
const COUNTRY_HINT = 'Saved as its ISO 3166 code, e.g. DE for Germany';

/** Name, email and shipping address, with each field's server-side error next to it. */
export function ProfileForm({ value, onChange, onSubmit, saving, fieldErrors }: ProfileFormProps) {
  const errorOf = (path: string) => fieldErrors.find((e) => e.field === path)?.messages.join('; ');
  const countryError = errorOf('shippingAddress.country');
  const setAddress = (field: keyof ShippingAddress, text: string) => onChange({ ...value, shippingAddress: { ...value.shippingAddress, [field]: text } });

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <form className={`card ${styles.form}`} onSubmit={submit} aria-labelledby="profile-form-title">
      <h2 id="profile-form-title">Your details</h2>
      <fieldset className={styles.fieldset}>
        <legend>Contact</legend>
        <Field id="name" label="Name" error={errorOf('name')}>
          <input
            id="name"
            autoComplete="name"
            required
            maxLength={100}
            value={value.name}
            onChange={(e) => onChange({ ...value, name: e.target.value })}
            aria-invalid={Boolean(errorOf('name'))}
            aria-describedby={errorOf('name') ? 'name-error' : undefined}
          />
        </Field>
        <Field id="email" label="Email" error={errorOf('email')}>
          <input
            id="email"
            type="email"
            autoComplete="email"
            required
            maxLength={254}
            value={value.email}
            onChange={(e) => onChange({ ...value, email: e.target.value })}
            aria-invalid={Boolean(errorOf('email'))}
            aria-describedby={errorOf('email') ? 'email-error' : undefined}
          />
        </Field>
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend>Shipping address</legend>
        {ADDRESS_FIELDS.map(({ field, label, autoComplete, required, hint }) => {
          const id = `address-${field}`;
          const error = errorOf(`shippingAddress.${field}`);
          const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
          return (
            <Field key={field} id={id} label={label} error={error} hint={hint}>
              <input
                id={id}
                autoComplete={autoComplete}
                required={required}
                value={value.shippingAddress[field]}
                onChange={(e) => setAddress(field, e.target.value)}
                aria-invalid={Boolean(error)}
                aria-describedby={describedBy}
              />
            </Field>
          );
        })}
        <Field id={COUNTRY_ID} label="Country" error={countryError} hint={COUNTRY_HINT}>
          <CountrySelect
            id={COUNTRY_ID}
            value={value.shippingAddress.country}
            onChange={(code) => setAddress('country', code)}
            invalid={Boolean(countryError)}
            describedBy={[`${COUNTRY_ID}-hint`, countryError && `${COUNTRY_ID}-error`].filter(Boolean).join(' ')}
          />
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
