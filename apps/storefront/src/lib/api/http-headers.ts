/**
 * Reads a response header from whatever axios hands over (its `AxiosHeaders`, or a plain
 * object), case-insensitively, without importing axios: the storefront only depends on the
 * retrying client, which owns its axios copy.
 */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const getter = (headers as { get?: unknown }).get;
  const value = typeof getter === 'function' ? getter.call(headers, name) : findCaseInsensitive(headers as Record<string, unknown>, name);
  if (value === undefined || value === null || value === false) return undefined;
  return String(value);
}

function findCaseInsensitive(headers: Record<string, unknown>, name: string): unknown {
  const wanted = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
  return key === undefined ? undefined : headers[key];
}

/** Request options carrying the session's bearer token (and any extra headers). */
export function authorized(session: { accessToken: string }, headers: Record<string, string> = {}) {
  return { headers: { Authorization: `Bearer ${session.accessToken}`, ...headers } };
}
