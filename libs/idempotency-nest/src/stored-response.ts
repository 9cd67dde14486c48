import { pickReplayableHeaders, StoredResponse } from '@safe-checkout/idempotency';
import type { Response } from 'express';
import { IdempotencyProblemException } from './idempotency-problem.exception';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Serialises a handler's result once; these exact bytes are both sent now and stored, so a
 * replay is byte for byte the original.
 */
export function captureResponse(value: unknown, response: Response, allowlist: readonly string[]): StoredResponse {
  if (!response.getHeader('content-type')) response.setHeader('Content-Type', JSON_CONTENT_TYPE);
  return withDeclaredCharset({
    status: response.statusCode,
    headers: pickReplayableHeaders(response.getHeaders(), allowlist),
    body: value === undefined ? '' : JSON.stringify(value),
  });
}

/**
 * Express declares `charset=utf-8` on every text body it sends; storing the Content-Type in that
 * form keeps the stored header identical to the one on the wire, first time and on replays.
 */
export function withDeclaredCharset(stored: StoredResponse): StoredResponse {
  const type = stored.headers['content-type'];
  if (type === undefined || /;\s*charset=/i.test(type)) return stored;
  return { ...stored, headers: { ...stored.headers, 'content-type': `${type}; charset=utf-8` } };
}

/**
 * Prepares the reply for a stored response (status, allow-listed headers) and returns its exact
 * body. Returned as a string with the Content-Type already set, Nest sends it as is (no second
 * JSON serialisation), so the first answer and every replay carry the same bytes.
 */
export function sendStoredResponse(response: Response, stored: StoredResponse, replayed: boolean): string {
  response.status(stored.status);
  for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
  if (!response.getHeader('content-type')) response.setHeader('Content-Type', JSON_CONTENT_TYPE);
  if (replayed) response.setHeader('Idempotent-Replayed', 'true');
  return stored.body;
}

/**
 * The stored form of an error that is a final answer, by the application's `render`, with its
 * Content-Type as Express sends it; undefined for any other error. A problem of this layer
 * itself (e.g. a key error) is never one.
 */
export function storedFinalAnswer(render: (error: unknown) => StoredResponse | undefined, error: unknown): StoredResponse | undefined {
  if (error instanceof IdempotencyProblemException) return undefined;
  const rendered = render(error);
  return rendered && withDeclaredCharset(rendered);
}
