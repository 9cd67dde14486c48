import { serializeIdempotencyKey } from '@safe-checkout/idempotency-key';

export { mintIdempotencyKey } from '@safe-checkout/idempotency-key';

/** The request header that names one logical operation across all of its attempts. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The request header that numbers the attempts of one operation, 1 for the first. */
export const IDEMPOTENCY_ATTEMPT_HEADER = 'Idempotency-Attempt';

/**
 * Encodes a key as an RFC 8941 sf-string, the form the `Idempotency-Key` header takes, with the
 * server's own rules (one module for both, `@safe-checkout/idempotency-key`): a key the server
 * would answer 400 for fails here, before anything is sent.
 *
 * @throws RangeError when the key is not 16–255 characters of visible ASCII
 *
 * @example
 * toIdempotencyKeyHeader('8e03978e-40d5-43e8-bc93-6894a57f9324'); // '"8e03978e-40d5-43e8-bc93-6894a57f9324"'
 */
export function toIdempotencyKeyHeader(key: string): string {
  return serializeIdempotencyKey(key);
}

/**
 * Reads the key back from an `Idempotency-Key` header value: unquotes an sf-string and
 * accepts a bare token as is, so a key the caller set by hand is reported faithfully.
 *
 * @example
 * fromIdempotencyKeyHeader('"abc\\"def"'); // 'abc"def'
 */
export function fromIdempotencyKeyHeader(value: string): string {
  const text = value.trim();
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  return text.slice(1, -1).replace(/\\([\\"])/g, '$1');
}
