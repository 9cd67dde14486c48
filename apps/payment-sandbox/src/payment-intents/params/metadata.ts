import { invalidRequest } from '../../stripe-errors/stripe-api.error';

// Stripe's documented limits (https://docs.stripe.com/metadata).
const MAX_KEYS = 50;
const MAX_KEY_LENGTH = 40;
const MAX_VALUE_LENGTH = 500;

/**
 * `metadata[…]` of a form body as Stripe accepts it: string values only, up to 50 keys of up to
 * 40 characters, values up to 500. An empty value sets nothing, as in Stripe (where it unsets the
 * key); `metadata=` (empty) is no metadata. Anything else is 400, `param: "metadata"`.
 */
export function parseMetadata(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === '') return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('Invalid object: metadata must be a set of metadata[key]=value pairs.');
  const entries = Object.entries(raw);
  if (entries.length > MAX_KEYS) throw invalid(`Invalid metadata: you can specify up to ${MAX_KEYS} keys.`);
  const metadata: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) throw invalid(`Invalid metadata: keys must be 1 to ${MAX_KEY_LENGTH} characters long (got "${key}").`);
    if (typeof value !== 'string') throw invalid(`Invalid metadata: the value of metadata[${key}] must be a string.`);
    if (value.length > MAX_VALUE_LENGTH) throw invalid(`Invalid metadata: the value of metadata[${key}] is longer than ${MAX_VALUE_LENGTH} characters.`);
    if (value !== '') metadata[key] = value;
  }
  return metadata;
}

function invalid(message: string) {
  return invalidRequest(message, { param: 'metadata' });
}
