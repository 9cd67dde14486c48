import { apiBaseUrlFromEnv, chaosAdminUrlsFromEnv } from '../storefront-config';

/** What the storefront's Content-Security-Policy depends on, per request. */
export interface ContentSecurityPolicyInput {
  /** A fresh random value for this response only (base64); Next.js puts it on its own scripts. */
  nonce: string;
  /** The origins the browser calls besides this storefront, e.g. `http://localhost:3333`. */
  connectOrigins: readonly string[];
  /** `next dev`: React's debugging needs `eval`, and the dev overlay inline styles; never in a build. */
  development?: boolean;
}

/**
 * The storefront's Content-Security-Policy header value. Scripts run only with this response's
 * nonce (`'strict-dynamic'` lets them load Next.js's own chunks, and makes browsers ignore any
 * host list), so an injected `<script>` or `onerror=` attribute does not run. The page may call
 * only itself and `connectOrigins`, may not be framed, embed plugins, change its base URL or post
 * forms elsewhere.
 *
 * @example
 * contentSecurityPolicy({ nonce: 'abc', connectOrigins: ['http://localhost:3333'] });
 * // "default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'; …"
 */
export function contentSecurityPolicy({ nonce, connectOrigins, development = false }: ContentSecurityPolicyInput): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Relaxed on purpose: React writes `style` attributes (the product swatch's `--hue`, Next's
    // route announcer), which only 'unsafe-inline' allows (a nonce does not cover attributes).
    // Styles cannot run code; scripts, where injection does harm, stay nonce-only.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...new Set(connectOrigins)],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  // No `upgrade-insecure-requests`: the demo runs on plain http://localhost, API included.
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/**
 * The origins the browser is told to call, from the same variables `layout.tsx` hands to the
 * page (read at request time): the API's (or, in demo mode, the chaos proxy's in front of it) and,
 * in demo mode, both chaos proxies' admin endpoints.
 */
export function connectOriginsFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  const urls = [apiBaseUrlFromEnv(env), ...Object.values(chaosAdminUrlsFromEnv(env))];
  return urls.filter((url): url is string => url !== null).map((url) => new URL(url).origin);
}
