import { createHash } from 'node:crypto';

// 16 hex digits (64 bits) tell the keys of one trace store apart without making the key guessable.
const KEY_HASH_HEX_DIGITS = 16;

/**
 * What a span records of an idempotency key: a prefix of its SHA-256, enough to find every span of
 * one operation, never the key itself (a key is a bearer of the operation: who knows it can replay
 * the answer).
 */
export function idempotencyKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, KEY_HASH_HEX_DIGITS);
}
