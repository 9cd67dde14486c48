/**
 * Default retention of a key, in seconds (24 h); after it the key is treated as new.
 * The API reads its setting from `IDEMPOTENCY_KEY_TTL_SECONDS`.
 */
export const DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS = 86_400;

/**
 * Default lease a running request holds on its key, in milliseconds (30 s). Long enough for a
 * checkout transaction; short enough that a retry after a crash is served within a minute.
 */
export const DEFAULT_IDEMPOTENCY_LEASE_MS = 30_000;

/** Response headers stored with a result and sent again on replay (lower-case names). */
export const DEFAULT_REPLAYED_HEADERS = ['content-type', 'location'] as const;

// Contract: "Replays never carry Set-Cookie, Authorization or other per-response secrets".
// Enforced even against a misconfigured allowlist.
const NEVER_REPLAYED_HEADERS: ReadonlySet<string> = new Set(['set-cookie', 'authorization', 'proxy-authorization']);

/**
 * Keeps the headers worth storing for a replay.
 *
 * Names are matched case-insensitively and returned lower-cased. String values are kept, finite
 * numbers (as Node reports `content-length`) are turned into strings, anything else (arrays,
 * `undefined`) is dropped. `set-cookie`, `authorization` and `proxy-authorization` are never kept,
 * even when allow-listed.
 *
 * @param headers - response headers, e.g. Node's `res.getHeaders()`
 * @param allowlist - header names to keep; usually {@link DEFAULT_REPLAYED_HEADERS}
 * @example
 * pickReplayableHeaders({ 'Content-Type': 'application/json', 'Set-Cookie': ['s=1'] }, DEFAULT_REPLAYED_HEADERS);
 * // → { 'content-type': 'application/json' }
 */
export function pickReplayableHeaders(headers: Record<string, unknown>, allowlist: readonly string[]): Record<string, string> {
  const allowed = new Set(allowlist.map((name) => name.toLowerCase()));
  const picked: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (!allowed.has(name) || NEVER_REPLAYED_HEADERS.has(name)) continue;
    if (typeof value === 'string') picked[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) picked[name] = String(value);
  }
  return picked;
}
