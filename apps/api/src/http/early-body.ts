import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { assertJsonMediaType } from './json-media-type';

// The outcome of reading a body before routing, kept on the request for the body parser.
const EARLY_BODY = Symbol('earlyBody');
type EarlyBody = { bytes: Buffer } | { error: unknown };
type WithEarlyBody = IncomingMessage & { [EARLY_BODY]?: EarlyBody };

/**
 * The announced length of a body that can be read before routing exactly as the body parser
 * (json-body.module.ts) would read it: a `Content-Length` of 1 to `limitBytes`, no
 * `Transfer-Encoding`, no `Content-Encoding` (or `identity`), an accepted JSON `Content-Type`.
 * Undefined for anything else, which is left to the body parser and its problems.
 */
export function plainJsonBodyLength(request: IncomingMessage, limitBytes: number): number | undefined {
  const { headers } = request;
  if (headers['transfer-encoding'] !== undefined) return undefined;
  if (headers['content-encoding'] !== undefined && headers['content-encoding'].trim().toLowerCase() !== 'identity') return undefined;
  const length = Number(headers['content-length']);
  if (!Number.isInteger(length) || length < 1 || length > limitBytes) return undefined;
  try {
    assertJsonMediaType(headers['content-type']);
  } catch {
    return undefined;
  }
  return length;
}

/**
 * Reads a body {@link plainJsonBodyLength} accepted, and keeps the bytes (or the read's failure) on
 * the request: the body parser takes them from there ({@link takeEarlyBody}) instead of reading a
 * stream that is already consumed. Resolves to the bytes, or undefined when the read failed.
 */
export async function readBodyEarly(request: IncomingMessage, length: number): Promise<Buffer | undefined> {
  try {
    const bytes = await getRawBody(request, { length, limit: length });
    (request as WithEarlyBody)[EARLY_BODY] = { bytes };
    return bytes;
  } catch (error) {
    (request as WithEarlyBody)[EARLY_BODY] = { error };
    return undefined;
  }
}

/** What {@link readBodyEarly} read for this request, if it ran: its bytes or its failure (raw-body's error, as body-parser passes on). */
export function takeEarlyBody(request: IncomingMessage): EarlyBody | undefined {
  return (request as WithEarlyBody)[EARLY_BODY];
}
