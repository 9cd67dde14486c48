import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// The largest multiple of 62 that fits a byte: bytes at or above it are skipped, so that every
// character is equally likely (no modulo bias).
const UNBIASED_BYTE_LIMIT = 248;

/** Characters after the prefix, as in Stripe's ids (`pi_3MtwBwLkdIwHu7ix28a3tqPa`): ~143 random bits. */
export const STRIPE_ID_RANDOM_LENGTH = 24;

/** The object prefixes the sandbox mints: PaymentIntents, PaymentMethods, webhook endpoints, events. */
export type StripeIdPrefix = 'pi' | 'pm' | 'we' | 'evt';

/**
 * A new object id in Stripe's form: `<prefix>_` and {@link STRIPE_ID_RANDOM_LENGTH} random base62
 * characters.
 *
 * @example
 * newStripeId('pi'); // → 'pi_5ZbR0c2pQn8dXy1LkT7wVh3M'
 */
export function newStripeId(prefix: StripeIdPrefix): string {
  return `${prefix}_${randomBase62(STRIPE_ID_RANDOM_LENGTH)}`;
}

/** `length` random base62 characters, each equally likely. */
export function randomBase62(length: number): string {
  let text = '';
  while (text.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < UNBIASED_BYTE_LIMIT && text.length < length) text += BASE62[byte % 62];
    }
  }
  return text;
}
