import type { Request } from 'express';

/**
 * The route a request matched, as the fingerprint's `route`: the handler's own path pattern with
 * the request's parameter values filled in (`/orders/:id` → `/orders/3f1…`).
 *
 * Express routes `/orders`, `/orders/` and `/ORDERS` to one handler (non-strict, case-insensitive
 * routing), so fingerprinting the raw path would turn a retry that differs only in a trailing
 * slash or in case into 422 idempotency-key-reused. Parameter values stay in: the same key
 * and body sent to `/orders/1/returns` and `/orders/2/returns` are different requests.
 */
export function matchedRoute(request: Request): string {
  const pattern = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return request.baseUrl + request.path;
  const params = (request.params ?? {}) as Record<string, unknown>;
  const filled = pattern.replace(/:(\w+)/g, (placeholder, name: string) => (typeof params[name] === 'string' ? encodeURIComponent(params[name]) : placeholder));
  return request.baseUrl + filled;
}
