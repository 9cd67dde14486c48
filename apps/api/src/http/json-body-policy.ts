// What request bodies the API accepts. Dependency-free on purpose: the problem catalog quotes
// these numbers in the explanations it serves, so they cannot drift from what is enforced.

/**
 * How deeply objects and arrays may nest in a request body (`{}` is depth 1,
 * `{"items":[{}]}` depth 3). No route needs more than 3; the limit bounds every recursive walk
 * after parsing (fingerprint, class-transformer, class-validator), which would otherwise
 * overflow the stack a few thousand levels down.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Largest accepted body, in bytes after Content-Encoding is undone (so a gzip bomb stops here too).
 * The largest body a route needs is a 50-line order, about 4 kB. Bodies are parsed before any
 * guard runs, so this bounds what an anonymous client can make every process parse: 89 kB
 * login bodies cost ~15 ms of CPU each, enough to take checkouts down to 7 %; above this limit they
 * are refused from `Content-Length` before a byte is read (announced-length.ts).
 */
export const JSON_BODY_LIMIT_BYTES = 16 * 1024;

/**
 * The content codings a body may carry (RFC 9110 §8.4.1), besides `identity`. `x-gzip` is read
 * as `gzip` (RFC 9110 §8.4.1.3). Stacked codings (`gzip, br`) are not accepted.
 */
export const ACCEPTED_CONTENT_ENCODINGS = ['gzip', 'deflate', 'br'] as const;
