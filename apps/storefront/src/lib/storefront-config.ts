export const DEFAULT_API_BASE_URL = 'http://localhost:3333';

/**
 * The API's base URL for the browser, from `SAFE_CHECKOUT_API_URL`, read at request time (not
 * inlined at build time like `NEXT_PUBLIC_*`): one build can point at the API or at a chaos proxy.
 */
export function apiBaseUrlFromEnv(env: Record<string, string | undefined> = process.env): string {
  return httpUrl('SAFE_CHECKOUT_API_URL', env.SAFE_CHECKOUT_API_URL?.trim() || DEFAULT_API_BASE_URL);
}

/**
 * The chaos proxies' admin endpoints set by `npm start -- --chaos`: `browserApi` (in front of the
 * API, `SAFE_CHECKOUT_CHAOS_ADMIN_URL`) and `apiProvider` (in front of the payment provider,
 * `SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL`). With neither the storefront shows nothing about chaos.
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
