import type { ProfileFields, ShippingAddress } from '../api';

/** One editable field of the profile; the address fields go by their own names (`city`). */
export type ProfileFieldKey = 'name' | 'email' | keyof ShippingAddress;

/** In the order the form shows them. */
export const PROFILE_FIELD_LABELS: Readonly<Record<ProfileFieldKey, string>> = {
  name: 'Name',
  email: 'Email',
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'City',
  postalCode: 'Postal code',
  country: 'Country',
};

export const PROFILE_FIELD_KEYS = Object.keys(PROFILE_FIELD_LABELS) as ProfileFieldKey[];

/** The editable fields of a profile or a form's value, sharing nothing with it. */
export function fieldsOf({ name, email, shippingAddress }: ProfileFields): ProfileFields {
  return { name, email, shippingAddress: { ...shippingAddress } };
}

export function readField(fields: ProfileFields, key: ProfileFieldKey): string {
  return key === 'name' || key === 'email' ? fields[key] : fields.shippingAddress[key];
}

export function withField(fields: ProfileFields, key: ProfileFieldKey, value: string): ProfileFields {
  if (key === 'name' || key === 'email') return { ...fields, shippingAddress: { ...fields.shippingAddress }, [key]: value };
  return { ...fields, shippingAddress: { ...fields.shippingAddress, [key]: value } };
}

/**
 * Whether two values are stored as the same: the PUT body is trimmed and the country upper-cased
 * (`toUpdateUserDto`), and the API lower-cases the email, so typing "Paris " over "Paris" is no edit.
 */
export function sameFieldValue(key: ProfileFieldKey, a: string, b: string): boolean {
  return asStored(key, a) === asStored(key, b);
}

function asStored(key: ProfileFieldKey, value: string): string {
  const trimmed = value.trim();
  if (key === 'email') return trimmed.toLowerCase();
  return key === 'country' ? trimmed.toUpperCase() : trimmed;
}
