import { apiBaseUrlFromEnv, chaosAdminUrlsFromEnv } from '../storefront-config';

export interface ContentSecurityPolicyInput {
  /** Fresh for this response only (base64); Next.js puts it on its own scripts. */
  nonce: string;
  /** The origins the browser calls besides this storefront. */
  connectOrigins: readonly string[];
  /** `next dev`: React's debugging needs `eval`; never in a build. */
  development?: boolean;
}

/**
 * Scripts run only with this response's nonce (`'strict-dynamic'` lets them load Next.js's own
 * chunks), so an injected `<script>` or `onerror=` does not run. The page may call only itself and
 * `connectOrigins`, and may not be framed, embed plugins, change its base URL or post forms elsewhere.
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

/** The API's origin (in demo mode the chaos proxy's in front of it) and the chaos admin endpoints', from the variables `layout.tsx` reads. */
export function connectOriginsFromEnv(env: Record<string, string | undefined> = process.env): string[] {
  const urls = [apiBaseUrlFromEnv(env), ...Object.values(chaosAdminUrlsFromEnv(env))];
  return urls.filter((url): url is string => url !== null).map((url) => new URL(url).origin);
}
