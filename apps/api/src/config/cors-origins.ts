import { isLoopbackHost } from '@safe-checkout/listen-address';

/** The storefront's port when `STOREFRONT_PORT` is unset (http-contract.md). */
export const DEFAULT_STOREFRONT_PORT = 4200;

const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::', '[::]']);

/**
 * The browser origins allowed to call the API (`CORS_ORIGINS`). Unset or empty: derived from
 * where `npm start` serves the storefront, so that `STOREFRONT_PORT=4203 npm start` works without
 * a second variable: `http://localhost:<port>` and `http://127.0.0.1:<port>`, plus
 * `http://<HOST>:<port>` when `HOST` names one address that is not loopback (the storefront is
 * then opened there). The chaos proxy is no origin of its own here: the browser's `Origin` is the
 * storefront's page, whichever hop the request goes through.
 *
 * Pushes a message onto `errors` for an invalid `STOREFRONT_PORT`.
 */
export function readCorsOrigins(env: NodeJS.ProcessEnv, errors: string[]): string[] {
  if (env.CORS_ORIGINS) return list(env.CORS_ORIGINS);
  const raw = env.STOREFRONT_PORT || String(DEFAULT_STOREFRONT_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    errors.push(`STOREFRONT_PORT must be an integer from 1 to 65535 (got "${raw}")`);
    return [];
  }
  const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  const host = env.HOST?.trim() ?? '';
  if (!WILDCARD_HOSTS.has(host) && !isLoopbackHost(host)) origins.push(`http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`);
  return origins;
}

function list(raw: string): string[] {
  return raw
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}
