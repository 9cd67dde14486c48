import { createHash } from 'node:crypto';
import type { User } from '@safe-checkout/db';

/** What `POST /auth/login` and `GET /auth/me` say about a user. */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
}

export interface ShippingAddress {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

/** The `GET`/`PUT /users/:id` body (http-contract.md "Users"). */
export interface UserProfile extends UserSummary {
  shippingAddress: ShippingAddress;
  updatedAt?: string;
}

export function toUserSummary(user: User): UserSummary {
  return { id: user.id, email: user.email, name: user.name };
}

export function toUserProfile(user: User): UserProfile {
  const shippingAddress: ShippingAddress = {
    line1: user.addressLine1,
    ...(user.addressLine2 === null ? {} : { line2: user.addressLine2 }),
    city: user.addressCity,
    postalCode: user.addressPostalCode,
    country: user.addressCountry,
  };
  return {
    ...toUserSummary(user),
    shippingAddress,
    ...(user.updatedAt ? { updatedAt: user.updatedAt.toISOString() } : {}),
  };
}

/**
 * Strong ETag of a profile: a hash of exactly the bytes of its representation, so it changes
 * when and only when the body does (a PUT that changes nothing keeps it).
 */
export function profileEtag(profile: UserProfile): string {
  return `"${createHash('sha256').update(JSON.stringify(profile)).digest('base64url').slice(0, 27)}"`;
}
