import type { components } from './openapi.gen';
import type { OrderRequest, Profile, ProfileFields, Session } from './types';

// The API's JSON, exactly as its OpenAPI document (apps/api/openapi.json) describes it: the
// shapes below are generated from it (`npm run openapi-types`, checked by the storefront's lint),
// so they cannot drift from the API. Products, orders and sessions reach the app as they are
// (types.ts); the mappers below exist where the app's shape differs (a session keeps only its
// user's id, email and name; a profile's absent second address line is the empty string).
type Schemas = components['schemas'];

export type LoginResponseDto = Schemas['LoginResult'];

/** `POST /orders` body: the lines and the payment method to charge (`pm_…`). */
export type CreateOrderDto = Schemas['CreateOrderDto'];

/**
 * Extension members of the problems `POST /orders` answers when the card is refused:
 * `payment-declined` (402) carries `declineCode` (`generic_decline`, `insufficient_funds`, …);
 * both it and `payment-method-invalid` (422) carry the `orderId` of the order left `payment_failed`.
 */
export type PaymentProblemExtensionsDto = Pick<Schemas['ProblemDetails'], 'declineCode' | 'orderId'>;

export type ShippingAddressDto = Schemas['ShippingAddress'];

export type UserProfileDto = Schemas['UserProfile'];

/** The full replacement body of `PUT /users/:id`. */
export type UpdateUserDto = Schemas['UpdateUserDto'];

/** A signed-in customer as the session store keeps it: the bearer token and who it belongs to, nothing else of the answer. */
export function toSession({ accessToken, user: { id, email, name } }: LoginResponseDto): Session {
  return { accessToken, user: { id, email, name } };
}

/** The `POST /orders` body of one checkout: only the fields the API takes, so nothing else leaks onto the wire. */
export function toCreateOrderDto(request: OrderRequest): CreateOrderDto {
  return { items: request.items.map(({ productId, quantity }) => ({ productId, quantity })), paymentMethod: request.paymentMethod };
}

export function toProfile(dto: UserProfileDto): Profile {
  const { line2, ...address } = dto.shippingAddress;
  return {
    id: dto.id,
    name: dto.name,
    email: dto.email,
    shippingAddress: { ...address, line2: line2 ?? '' },
    ...(dto.updatedAt ? { updatedAt: dto.updatedAt } : {}),
  };
}

/** The full replacement body of `PUT /users/:id`; an empty second address line is left out. */
export function toUpdateUserDto(fields: ProfileFields): UpdateUserDto {
  const { line2, ...address } = fields.shippingAddress;
  const trimmedLine2 = line2.trim();
  return {
    name: fields.name.trim(),
    email: fields.email.trim(),
    shippingAddress: {
      line1: address.line1.trim(),
      ...(trimmedLine2 ? { line2: trimmedLine2 } : {}),
      city: address.city.trim(),
      postalCode: address.postalCode.trim(),
      country: address.country.trim().toUpperCase(),
    },
  };
}
