import { ParseError, parseItem, serializeString } from 'structured-headers';

/** Shortest accepted key, in characters after unquoting. */
export const IDEMPOTENCY_KEY_MIN_LENGTH = 16;
/** Longest accepted key, in characters after unquoting. */
export const IDEMPOTENCY_KEY_MAX_LENGTH = 255;

/** The outcome of {@link parseIdempotencyKeyHeader}: the key, or the problem to answer with. */
export type IdempotencyKeyParseResult =
  { ok: true; key: string } | { ok: false; problem: 'idempotency-key-missing' | 'idempotency-key-invalid'; detail: string };

/** Options of {@link parseIdempotencyKeyHeader}. */
export interface IdempotencyKeySyntax {
  /**
   * Shortest accepted key, in characters after unquoting; at least 1. Default
   * {@link IDEMPOTENCY_KEY_MIN_LENGTH} (16), this project's rule; a Stripe-compatible server
   * passes 1, since Stripe takes any key up to 255 characters.
   */
  minLength?: number;
}

type Invalid = Extract<IdempotencyKeyParseResult, { ok: false }>;

const VISIBLE_ASCII = /^[\x21-\x7e]*$/;
// HTTP field values carry no leading or trailing OWS (RFC 9110 §5.5); Node strips it already.
const SURROUNDING_OWS = /^[ \t]+|[ \t]+$/g;

/**
 * Parses the `Idempotency-Key` request header.
 *
 * Accepts an RFC 8941 sf-string (`"…"`, with `\"` and `\\` escapes) or, for Stripe-style clients,
 * a bare value that does not start with `"`; both forms of the same characters are the same key.
 * The key must be {@link IDEMPOTENCY_KEY_MIN_LENGTH} (or `syntax.minLength`)–{@link IDEMPOTENCY_KEY_MAX_LENGTH}
 * characters of visible ASCII (0x21–0x7E) after unquoting, so a space inside quotes is rejected.
 * Parameters (`"…";x=1`), bad escapes, unterminated quotes, several header lines and a bare value
 * with a comma (header lines joined into a list) are invalid;
 * an absent header (or an empty list of lines) is missing; an empty value is invalid.
 *
 * @param raw - the header as Node delivers it: `req.headers['idempotency-key']`
 * @param syntax - see {@link IdempotencyKeySyntax}; by default this project's 16–255 characters
 * @example
 * parseIdempotencyKeyHeader('"8e03978e-40d5-43e8-bc93-6894a57f9324"');
 * // → { ok: true, key: '8e03978e-40d5-43e8-bc93-6894a57f9324' }
 */
export function parseIdempotencyKeyHeader(raw: string | string[] | undefined, syntax: IdempotencyKeySyntax = {}): IdempotencyKeyParseResult {
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
    const detail = 'send an Idempotency-Key header with this request';
    return { ok: false, problem: 'idempotency-key-missing', detail };
  }
  if (Array.isArray(raw) && raw.length > 1) {
    return invalid(`send exactly one Idempotency-Key header, not ${raw.length}`);
  }
  const value = (Array.isArray(raw) ? raw[0] : raw).replace(SURROUNDING_OWS, '');
  if (value === '') return invalid('the Idempotency-Key header is empty');

  // A comma outside quotes means a list: header lines that a proxy or Node joined into one.
  if (!value.startsWith('"') && value.includes(',')) return invalid('send exactly one Idempotency-Key: a bare key must not contain a comma');
  const unquoted = value.startsWith('"') ? unquote(value) : { key: value };
  if ('ok' in unquoted) return unquoted;
  const problem = checkKey(unquoted.key, syntax.minLength);
  return problem === undefined ? { ok: true, key: unquoted.key } : invalid(problem);
}

/**
 * Serializes a key as the RFC 8941 sf-string clients should send (`"…"`).
 *
 * @param key - a key that {@link parseIdempotencyKeyHeader} would accept
 * @throws RangeError if the key is not 16–255 characters of visible ASCII
 * @example
 * serializeIdempotencyKey(randomUUID()); // → '"8e03978e-40d5-43e8-bc93-6894a57f9324"'
 */
export function serializeIdempotencyKey(key: string): string {
  const problem = checkKey(key);
  if (problem !== undefined) throw new RangeError(problem);
  return serializeString(key);
}

function unquote(value: string): { key: string } | Invalid {
  try {
    const [bare, parameters] = parseItem(value);
    if (typeof bare !== 'string') return invalid('the Idempotency-Key must be an sf-string or a bare token');
    if (parameters.size > 0) return invalid('the Idempotency-Key must not carry parameters');
    return { key: bare };
  } catch (error) {
    if (error instanceof ParseError) return invalid(`the Idempotency-Key is not a valid sf-string: ${error.message}`);
    throw error;
  }
}

/** @returns why the key is unacceptable, or undefined when it is fine */
function checkKey(key: string, minLength = IDEMPOTENCY_KEY_MIN_LENGTH): string | undefined {
  // An empty key is never one, whatever the caller asks for.
  const min = Math.max(1, minLength);
  if (key.length < min || key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    const range = `${min}–${IDEMPOTENCY_KEY_MAX_LENGTH}`;
    return `the Idempotency-Key must be ${range} characters long, not ${key.length}`;
  }
  if (!VISIBLE_ASCII.test(key)) return 'the Idempotency-Key may contain only visible ASCII characters (no spaces)';
  return undefined;
}

function invalid(detail: string): Invalid {
  return { ok: false, problem: 'idempotency-key-invalid', detail };
}
