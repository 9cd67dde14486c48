/** Where the API is when `SAFE_CHECKOUT_API_URL` is unset: the API's default port on this machine. */
export const DEFAULT_API_BASE_URL = 'http://localhost:3333';

/**
 * The API's base URL as the browser should call it, from `SAFE_CHECKOUT_API_URL`. Read on the
 * server at request time (not inlined at build time like `NEXT_PUBLIC_*`), so one build can be
 * pointed at the API, or at a fault-injecting proxy in front of it, by restarting `next start`.
 */
export function apiBaseUrlFromEnv(env: Record<string, string | undefined> = process.env): string {
  return httpUrl('SAFE_CHECKOUT_API_URL', env.SAFE_CHECKOUT_API_URL?.trim() || DEFAULT_API_BASE_URL);
}

/**
 * The chaos proxy's admin endpoint (`GET`/`PUT`, e.g. `http://localhost:3334/__chaos`) from
 * `SAFE_CHECKOUT_CHAOS_ADMIN_URL`, or `null` when it is unset: the storefront is then an
 * ordinary shop and shows nothing about chaos. Set by `npm start -- --chaos`; read at request
 * time like the API's URL.
 */
export function chaosAdminUrlFromEnv(env: Record<string, string | undefined> = process.env): string | null {
  const raw = env.SAFE_CHECKOUT_CHAOS_ADMIN_URL?.trim();
  return raw ? httpUrl('SAFE_CHECKOUT_CHAOS_ADMIN_URL', raw) : null;
}

/**
 * The admin endpoint of the second chaos proxy, the one between the API and the payment provider
 * (e.g. `http://localhost:3341/__chaos`), from `SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL`, or `null`
 * when it is unset: the chaos panel then has no "API → payment provider" rates. Set by
 * `npm start -- --chaos`; read at request time like the others.
 */
export function providerChaosAdminUrlFromEnv(env: Record<string, string | undefined> = process.env): string | null {
  const raw = env.SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL?.trim();
  return raw ? httpUrl('SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL', raw) : null;
}

function httpUrl(name: string, raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http(s) URL, got ${raw}`);
  return url.href.replace(/\/+$/, '');
}
