import type { components } from './openapi.gen';
import type { Profile, ProfileFields } from './types';

// The profile's forms edit an absent second address line as the empty string, and send trimmed text.
type Schemas = components['schemas'];

export type UserProfileDto = Schemas['UserProfile'];

export function toProfile({ id, name, email, shippingAddress, updatedAt }: UserProfileDto): Profile {
  return { id, name, email, shippingAddress: { ...shippingAddress, line2: shippingAddress.line2 ?? '' }, ...(updatedAt ? { updatedAt } : {}) };
}

/** The full replacement body of `PUT /users/:id`; an empty second address line is left out. */
export function toUpdateUserDto({ name, email, shippingAddress: address }: ProfileFields): Schemas['UpdateUserDto'] {
  const line2 = address.line2.trim();
  return {
    name: name.trim(),
    email: email.trim(),
    shippingAddress: {
      line1: address.line1.trim(),
      ...(line2 ? { line2 } : {}),
      city: address.city.trim(),
      postalCode: address.postalCode.trim(),
      country: address.country.trim().toUpperCase(),
    },
  };
}
