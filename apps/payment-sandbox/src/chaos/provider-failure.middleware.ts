import type { NextFunction, Request, Response } from 'express';

/** Header the chaos proxy sets on a request it wants to fail (apps/chaos-proxy, "server-failure"). */
export const CHAOS_FAULT_HEADER = 'x-chaos-fault';

/**
 * Chaos mode only (chaos-main.ts, never main.ts): a request the proxy marked `server-failure` is
 * answered as Stripe answers its own failures, 500 `api_error`, before anything is charged or
 * stored, so that "the provider failed" is a definite no-effect 5xx on the API → provider hop.
 */
export function providerFailureMiddleware(request: Request, response: Response, next: NextFunction): void {
  if (request.headers[CHAOS_FAULT_HEADER] !== 'server-failure') return next();
  response.status(500).json({ error: { type: 'api_error', message: 'chaos: injected provider failure; nothing was charged' } });
}
