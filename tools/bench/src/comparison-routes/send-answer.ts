import type { StoredResponse } from '@safe-checkout/idempotency';
import type { Response } from 'express';

/**
 * Sets the checkout's status and headers on `response` and returns its body as a value for Nest to
 * send: the peer's interceptor stores what a handler returns, so the body goes back through it.
 */
export function sendAnswer(response: Response, answer: StoredResponse): unknown {
  response.status(answer.status);
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  return JSON.parse(answer.body);
}
