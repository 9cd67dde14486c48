import { StreamableFile } from '@nestjs/common';
import { pickReplayableHeaders, StoredResponse } from '@safe-checkout/idempotency';
import type { Response } from 'express';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * Serialises a handler's result once; these exact bytes are both sent now and stored, so a
 * replay is byte for byte the original.
 */
export function captureResponse(value: unknown, response: Response, allowlist: readonly string[]): StoredResponse {
  if (!response.getHeader('content-type')) response.setHeader('Content-Type', JSON_CONTENT_TYPE);
  return {
    status: response.statusCode,
    headers: pickReplayableHeaders(response.getHeaders(), allowlist),
    body: value === undefined ? '' : JSON.stringify(value),
  };
}

/** Writes a stored response (status, allow-listed headers, exact body) as the reply. */
export function sendStoredResponse(response: Response, stored: StoredResponse, replayed: boolean): StreamableFile {
  response.status(stored.status);
  for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
  if (replayed) response.setHeader('Idempotent-Replayed', 'true');
  const body = Buffer.from(stored.body, 'utf8');
  return new StreamableFile(body, { type: stored.headers['content-type'] ?? JSON_CONTENT_TYPE, length: body.length });
}
