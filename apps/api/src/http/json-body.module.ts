import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { raw } from 'body-parser';
import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage } from 'node:http';
import { assertAnnouncedLengthWithin } from './announced-length';
import { toBodyReadProblem } from './body-read-error';
import { acceptedContentEncoding } from './content-encoding';
import { takeEarlyBody } from './early-body';
import { JSON_BODY_LIMIT_BYTES } from './json-body-policy';
import { assertJsonMediaType } from './json-media-type';
import { parseJsonBody } from './parse-json-body';

/**
 * The API's one body parser, in three steps: check the headers of a request that carries a body
 * (announced length within the limit, 413 otherwise: createApiApp refuses that earlier, before
 * routing and logging (early-refusals.ts), and this module keeps the check so that it is whole on
 * its own; JSON media type, accepted Content-Encoding; 415 otherwise), read and decode the bytes
 * (body-parser's raw reader: size limit, Content-Length, decompression; its failures mapped to
 * problems), and parse with {@link parseJsonBody}.
 *
 * Module middleware, imported after the logging and metrics modules: a refused body is logged with
 * its request id and counted like any other answer. It still runs before every guard and
 * interceptor, so a refused body never reaches the idempotency interceptor, which fingerprints
 * `request.body`: no key is claimed and nothing is written. Create the app with
 * `bodyParser: false`, or Nest adds its own json and urlencoded parsers at initialisation.
 */
@Module({})
export class JsonBodyModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(checkBodyHeaders, readBody(JSON_BODY_LIMIT_BYTES), parseBody).forRoutes('*path');
  }
}

// An empty body (Content-Length: 0) is no body, whatever its headers say.
function carriesBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length']) > 0;
}

function checkBodyHeaders(request: Request, response: Response, next: NextFunction): void {
  if (!carriesBody(request)) return next();
  try {
    assertAnnouncedLengthWithin(request, response, JSON_BODY_LIMIT_BYTES);
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

function readBody(limitBytes: number) {
  const readRaw = raw({ type: carriesBody, limit: limitBytes });
  return (request: Request, response: Response, next: NextFunction): void => {
    // Read already, before routing (held-duplicate-answers.ts): the stream is consumed.
    const early = takeEarlyBody(request);
    if (early) {
      if ('error' in early) return next(toBodyReadProblem(early.error, 'identity'));
      request.body = early.bytes;
      return next();
    }
    readRaw(request, response, (error?: unknown) => {
      if (error) return next(toBodyReadProblem(error, (request.headers['content-encoding'] ?? 'identity').toLowerCase()));
      next();
    });
  };
}

function parseBody(request: RawBodyRequest<Request>, _response: Response, next: NextFunction): void {
  if (!Buffer.isBuffer(request.body)) return next();
  // The bytes as received: a webhook's signature is over them, not over a re-serialisation (payments.md §5).
  request.rawBody = request.body;
  try {
    request.body = parseJsonBody(request.body);
    next();
  } catch (error) {
    next(error);
  }
}
