import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { toBodyReadProblem } from './body-read-error';
import { acceptedContentEncoding } from './content-encoding';
import { JSON_BODY_LIMIT_BYTES } from './json-body-policy';
import { assertJsonMediaType } from './json-media-type';
import { parseJsonBody } from './parse-json-body';

/**
 * Installs the API's one body parser, in four Express steps: check the headers of a request that
 * carries a body (JSON media type, accepted Content-Encoding; 415 otherwise), read and decode the
 * bytes (body-parser's raw reader: size limit, Content-Length, decompression), map read failures
 * to problems, and parse with {@link parseJsonBody}.
 *
 * Call it before the app is initialised: the steps then run before every Nest middleware, guard
 * and interceptor, so a body refused here never reaches the idempotency interceptor, which
 * fingerprints `request.body`: no key is claimed and nothing is written. Create the app with
 * `bodyParser: false`, or Nest adds its own json and urlencoded parsers at initialisation.
 *
 * @param limitBytes largest body once decoded; default {@link JSON_BODY_LIMIT_BYTES}
 */
export function useJsonBody(app: NestExpressApplication, limitBytes = JSON_BODY_LIMIT_BYTES): void {
  app.use(checkBodyHeaders);
  app.useBodyParser('raw', { type: (request: IncomingMessage) => carriesBody(request), limit: limitBytes });
  app.use(mapBodyReadError);
  app.use(parseBody);
}

// An empty body (Content-Length: 0) is no body, whatever its headers say.
function carriesBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length']) > 0;
}

function checkBodyHeaders(request: Request, _response: Response, next: NextFunction): void {
  if (!carriesBody(request)) return next();
  try {
    assertJsonMediaType(request.headers['content-type']);
    const header = request.headers['content-encoding'];
    const encoding = acceptedContentEncoding(header);
    // body-parser picks its decoder by this header: hand it the canonical name (x-gzip is gzip).
    if (header !== undefined && header.trim().toLowerCase() !== encoding) request.headers['content-encoding'] = encoding;
    next();
  } catch (error) {
    next(error);
  }
}

function mapBodyReadError(error: unknown, request: Request, _response: Response, next: NextFunction): void {
  next(toBodyReadProblem(error, (request.headers['content-encoding'] ?? 'identity').toLowerCase()));
}

function parseBody(request: Request, _response: Response, next: NextFunction): void {
  if (!Buffer.isBuffer(request.body)) return next();
  try {
    request.body = parseJsonBody(request.body);
    next();
  } catch (error) {
    next(error);
  }
}
