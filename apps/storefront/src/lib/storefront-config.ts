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
 * The chaos proxies' admin endpoints (`GET`/`PUT`, e.g. `http://localhost:3334/__chaos`), set by
 * `npm start -- --chaos` and read at request time like the API's URL: `browserApi` (in front of
 * the API) from `SAFE_CHECKOUT_CHAOS_ADMIN_URL`, `apiProvider` (between the API and the payment
 * provider) from `SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL`. Each is `null` when unset: with neither
 * the storefront is an ordinary shop and shows nothing about chaos.
 */
export function chaosAdminUrlsFromEnv(env: Record<string, string | undefined> = process.env): { browserApi: string | null; apiProvider: string | null } {
  const optional = (name: string) => {
    const raw = env[name]?.trim();
    return raw ? httpUrl(name, raw) : null;
  };
  return { browserApi: optional('SAFE_CHECKOUT_CHAOS_ADMIN_URL'), apiProvider: optional('SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL') };
}

function httpUrl(name: string, raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http(s) URL, got ${raw}`);
  return url.href.replace(/\/+$/, '');
}
