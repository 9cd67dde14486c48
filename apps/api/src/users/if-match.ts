/**
 * Whether an `If-Match` header allows a change to a resource whose current ETag is `etag`
 * (RFC 9110 §13.1.1: strong comparison; `*` matches any existing resource). No header: allowed.
 */
export function ifMatchAllows(ifMatch: string | undefined, etag: string): boolean {
  if (ifMatch === undefined) return true;
  const candidates = ifMatch.split(',').map((tag) => tag.trim());
  return candidates.some((tag) => tag === '*' || tag === etag);
}
