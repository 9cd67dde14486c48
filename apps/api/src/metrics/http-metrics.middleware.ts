import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { HttpRequestDurations } from './http-request-durations';

/** Times every routed request into {@link HttpRequestDurations}, labelled once it is answered (the route is known by then). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly durations: HttpRequestDurations) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const started = performance.now();
    response.once('finish', () => this.durations.observe(request, response.statusCode, (performance.now() - started) / 1000));
    next();
  }
}
