import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The parts of a request that decide whether a retry is "the same request". */
export interface FingerprintedRequest {
  /** HTTP method; case-insensitive. */
  method: string;
  /** The route the request hit, e.g. `/orders`; compared exactly. */
  route: string;
  /**
   * Query parameters: a parsed record (as Express delivers it), a raw query string with or without
   * the leading `?`, or undefined. `''`, `{}` and undefined are the same empty query; a raw string
   * fingerprints like the record Express would parse from it (repeated names become arrays).
   */
  query: Record<string, unknown> | string | undefined;
  /** The parsed JSON body; undefined when there is none. Must be JSON-serializable. */
  body: unknown;
}

/**
 * Fingerprints a request so a reused key can be told apart from a retry.
 *
 * SHA-256 (lower-case hex, 64 characters) over the RFC 8785 canonical JSON of
 * `{ method (upper-cased), route, query, body }`. Object key order and JSON whitespace do not
 * change it; any other difference in method, route, query or body does.
 *
 * @throws Error if the body or query is not JSON-serializable (NaN, Infinity, BigInt)
 * @example
 * fingerprintRequest({ method: 'post', route: '/orders', query: undefined, body: { items: [] } });
 */
export function fingerprintRequest(req: FingerprintedRequest): string {
  const canonical = canonicalize({
    method: req.method.toUpperCase(),
    route: req.route,
    query: canonicalQuery(req.query),
    body: req.body,
  });
  // canonicalize() only returns undefined for a top-level undefined, which an object literal is not.
  return createHash('sha256')
    .update(canonical ?? '', 'utf8')
    .digest('hex');
}

function canonicalQuery(query: FingerprintedRequest['query']): Record<string, unknown> {
  if (query === undefined) return {};
  if (typeof query !== 'string') return query;
  const parsed: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    const previous = parsed[name];
    if (previous === undefined) parsed[name] = value;
    else parsed[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return parsed;
}
