import type { Request } from 'express';
import { Histogram, Registry } from 'prom-client';

/**
 * The HTTP request histogram (`http_request_duration_seconds`), labelled by method, route pattern
 * (`/orders/:id`, never raw ids) and status. Fed by {@link HttpMetricsMiddleware} for requests that
 * go through routing, and directly by what answers a request before routing and still counts it
 * (held-duplicate-answers.ts).
 */
export class HttpRequestDurations {
  private readonly durations: Histogram<'method' | 'route' | 'status'>;

  constructor(registry: Registry) {
    this.durations = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request durations, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  /** Counts one answered request that took `seconds`, under the route `request` matched (`unmatched` if none). */
  observe(request: Request, status: number, seconds: number): void {
    this.durations.observe({ method: request.method, route: routeLabelOf(request), status: String(status) }, seconds);
  }
}

function routeLabelOf(request: Request): string {
  return request.route?.path ? `${request.baseUrl}${request.route.path}` : 'unmatched';
}
