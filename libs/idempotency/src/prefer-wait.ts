/**
 * The `wait` preference of an RFC 7240 `Prefer` request header, in seconds: how long the client is
 * willing to wait for a final answer. Several `Prefer` lines, other preferences (`respond-async`,
 * `return=minimal`) and parameters are allowed; the first `wait` counts. Returns undefined when
 * there is none or its value is not delta-seconds (a non-negative integer).
 *
 * @param raw - the header as Node delivers it (`req.headersDistinct.prefer` or `req.headers.prefer`)
 * @example
 * preferredWaitSeconds('respond-async, wait=10'); // → 10
 */
export function preferredWaitSeconds(raw: string | string[] | undefined): number | undefined {
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  for (const preference of lines.flatMap((line) => line.split(','))) {
    const [token, value] = preference
      .split(';')[0]
      .split('=')
      .map((part) => part.trim());
    if (token.toLowerCase() !== 'wait' || value === undefined) continue;
    const unquoted = value.replace(/^"(.*)"$/, '$1');
    return /^\d{1,9}$/.test(unquoted) ? Number(unquoted) : undefined;
  }
  return undefined;
}
