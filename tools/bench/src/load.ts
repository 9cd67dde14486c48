// One autocannon run of `POST <path>` with an order body, summarised to the numbers the bench
// reports. autocannon runs in the bench's own process, the API in a child process.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

/** `key` value that mints a new Idempotency-Key for every request (fresh orders). */
export const FRESH_KEY = Symbol('fresh Idempotency-Key per request');

/** A well-formed Idempotency-Key header value: the sf-string of a UUIDv4, as our clients send. */
export const newIdempotencyKey = (): string => `"${randomUUID()}"`;

/** One load run. */
export interface LoadOptions {
  /** The API's origin, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** e.g. `/orders`. */
  path: string;
  /** Bearer access token. */
  token: string;
  /** JSON body: an object is sent with every request, a function is called for every request. */
  body: object | (() => object);
  /** `FRESH_KEY`, one header value for every request, or none (no `Idempotency-Key` header). */
  key?: typeof FRESH_KEY | string;
  /** How long to run (s); ignored when `amount` is set. */
  durationSeconds?: number;
  /** Stop after this many requests instead. */
  amount?: number;
  /** Concurrent keep-alive connections, one request in flight each. */
  connections: number;
  /** More request headers, e.g. `{ prefer: 'wait=10' }`. */
  extraHeaders?: Record<string, string>;
  /** Seconds after which a request counts as a timeout; autocannon's default is 10. */
  timeoutSeconds?: number;
}

/** What the report needs of a load run. */
export interface LoadResult {
  rps: number;
  minMs: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers by HTTP status. */
  statusCodes: Record<string, number>;
  /** Answers with `Idempotent-Replayed: true` (201s answered from a stored response). */
  replayed: number;
  /** Socket errors and timeouts. */
  errors: number;
}

export async function runLoad({
  url,
  path,
  token,
  body,
  key,
  durationSeconds,
  amount,
  connections,
  extraHeaders = {},
  timeoutSeconds,
}: LoadOptions): Promise<LoadResult> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extraHeaders };
  if (typeof key === 'string') headers['idempotency-key'] = key;
  let replayed = 0;
  const request: autocannon.Request = {
    method: 'POST',
    path,
    headers,
    body: JSON.stringify(typeof body === 'function' ? body() : body),
    // Counted for every scenario, so the load generator does the same work in each.
    onResponse: (_status, _body, _context, responseHeaders) => {
      // Raw header names, as the server cased them.
      for (const [name, value] of Object.entries(responseHeaders ?? {})) {
        if (value === 'true' && name.toLowerCase() === 'idempotent-replayed') replayed++;
      }
    },
  };
  if (key === FRESH_KEY || typeof body === 'function') {
    // autocannon copies the headers before calling setupRequest, so this changes one request only.
    request.setupRequest = (req) => {
      if (key === FRESH_KEY && req.headers) req.headers['idempotency-key'] = newIdempotencyKey();
      if (typeof body === 'function') req.body = JSON.stringify(body());
      return req;
    };
  }
  const result = await autocannon({
    url,
    connections,
    pipelining: 1,
    ...(amount ? { amount } : { duration: durationSeconds }),
    ...(timeoutSeconds ? { timeout: timeoutSeconds } : {}),
    requests: [request],
  });
  return {
    rps: result.requests.total / result.duration,
    minMs: result.latency.min,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count = 0 }]) => [code, count])),
    replayed,
    errors: result.errors + result.timeouts,
  };
}

/** Several runs' answers as one (a storm split between processes); latencies are not combined. */
export function addAnswers(results: LoadResult[]): Pick<LoadResult, 'requests' | 'statusCodes' | 'replayed' | 'errors'> {
  const statusCodes: Record<string, number> = {};
  for (const result of results) {
    for (const [code, count] of Object.entries(result.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  }
  const sum = (field: 'requests' | 'replayed' | 'errors') => results.reduce((total, result) => total + result[field], 0);
  return { requests: sum('requests'), statusCodes, replayed: sum('replayed'), errors: sum('errors') };
}
