/** The request header that names one logical operation across all of its attempts. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** The request header that numbers the attempts of one operation, 1 for the first. */
export const IDEMPOTENCY_ATTEMPT_HEADER = 'Idempotency-Attempt';

// RFC 8941 §3.3.3: an sf-string holds printable ASCII only.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A fresh key for a new logical operation: a UUIDv4 from the global Web Crypto API, which
 * Node 20 and every current browser provide (no `node:crypto` import, so this runs in both).
 */
export function mintIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Encodes a key as an RFC 8941 sf-string, the form the `Idempotency-Key` header takes.
 *
 * @throws TypeError when the key holds characters an sf-string cannot carry (non-ASCII, controls)
 *
 * @example
 * toIdempotencyKeyHeader('8e03978e-40d5-43e8-bc93-6894a57f9324'); // '"8e03978e-40d5-43e8-bc93-6894a57f9324"'
 */
export function toIdempotencyKeyHeader(key: string): string {
  if (!PRINTABLE_ASCII.test(key)) {
    throw new TypeError(`An Idempotency-Key must be printable ASCII (RFC 8941 sf-string), got ${JSON.stringify(key)}`);
  }
  return `"${key.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
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
