import type { components } from './openapi.gen';
import type { OrderRequest, Profile, ProfileFields, Session } from './types';

// Where the app's shape differs from the API's JSON (openapi.gen.ts): a session keeps only its
// user's id, email and name; a profile's absent second address line is the empty string.
type Schemas = components['schemas'];

export type LoginResponseDto = Schemas['LoginResult'];
export type UserProfileDto = Schemas['UserProfile'];

/** A signed-in customer as the session store keeps it: the bearer token and who it belongs to, nothing else of the answer. */
export function toSession({ accessToken, user: { id, email, name } }: LoginResponseDto): Session {
  return { accessToken, user: { id, email, name } };
}

/** The `POST /orders` body of one checkout: only the fields the API takes, so nothing else leaks onto the wire. */
export function toCreateOrderDto(request: OrderRequest): Schemas['CreateOrderDto'] {
  return { items: request.items.map(({ productId, quantity }) => ({ productId, quantity })), paymentMethod: request.paymentMethod };
}

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
