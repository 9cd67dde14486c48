/** A response header from axios's `AxiosHeaders` or a plain object, case-insensitively, without importing axios (the retrying client owns it). */
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

export function authorized(session: { accessToken: string }, headers: Record<string, string> = {}) {
  return { headers: { Authorization: `Bearer ${session.accessToken}`, ...headers } };
}
