import { ProblemException } from '../problems/problem.exception';
import { assertJsonDepth } from './json-depth';
import { assertStorableJson } from './json-value-guard';

// fatal: bytes that are not UTF-8 (RFC 8259 §8.1) are refused, not silently turned into U+FFFD.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the bytes of a JSON request body into the object handlers receive, in the order that keeps
 * every later step safe: strict UTF-8 decoding, a depth bound on the raw text (before anything
 * recursive runs), `JSON.parse`, a top-level object check, then {@link assertStorableJson}.
 * Runs before the idempotency interceptor fingerprints the body, so a refused body claims no key.
 *
 * @returns the parsed object, or `undefined` for an empty body (no body at all)
 * @throws ProblemException `ill-formed-unicode`, `json-too-deep`, `malformed-json`,
 *   `json-body-not-object`, `json-number-out-of-range` or `json-nul-character` (all 400)
 */
export function parseJsonBody(bytes: Uint8Array): Record<string, unknown> | undefined {
  if (bytes.length === 0) return undefined;
  const text = decodeUtf8(bytes);
  assertJsonDepth(text);
  const value = parseJson(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw new ProblemException('json-body-not-object', `The body must be a JSON object ({…}), not ${kind}.`);
  }
  assertStorableJson(value);
  return value as Record<string, unknown>;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new ProblemException('ill-formed-unicode', 'The body is not valid UTF-8.', { pointer: '' });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ProblemException('malformed-json', `The body is not valid JSON: ${(error as Error).message}`);
  }
}
