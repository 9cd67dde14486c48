// One autocannon run of `POST <path>` with an order body, summarised to the numbers the bench
// reports. autocannon runs in the bench's own process, the API in a child process.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

/** `key` value that mints a new Idempotency-Key for every request (fresh orders). */
export const FRESH_KEY = Symbol('fresh Idempotency-Key per request');

/** A well-formed Idempotency-Key header value: the sf-string of a UUIDv4, as our clients send. */
export const newIdempotencyKey = () => `"${randomUUID()}"`;

/**
 * @param {object} options
 * @param {string} options.url the API's origin, e.g. `http://127.0.0.1:40123`
 * @param {string} options.path e.g. `/orders`
 * @param {string} options.token bearer access token
 * @param {object | (() => object)} options.body JSON body: an object is sent with every request,
 *   a function is called for every request
 * @param {typeof FRESH_KEY | string} [options.key] `FRESH_KEY`, one header value for every
 *   request, or none (no `Idempotency-Key` header)
 * @param {number} [options.durationSeconds] how long to run (ignored when `amount` is set)
 * @param {number} [options.amount] stop after this many requests instead
 * @param {number} options.connections concurrent keep-alive connections, one request in flight each
 * @param {Record<string, string>} [options.extraHeaders] more request headers, e.g. `{ prefer: 'wait=10' }`
 * @returns {Promise<{rps: number, minMs: number, p50Ms: number, p99Ms: number, requests: number,
 *   statusCodes: Record<string, number>, replayed: number, errors: number}>}
 */
export async function runLoad({ url, path, token, body, key, durationSeconds, amount, connections, extraHeaders = {} }) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extraHeaders };
  if (typeof key === 'string') headers['idempotency-key'] = key;
  let replayed = 0;
  const request = {
    method: 'POST',
    path,
    headers,
    body: JSON.stringify(typeof body === 'function' ? body() : body),
    // Counted for every scenario, so the load generator does the same work in each.
    onResponse: (_status, _body, _context, responseHeaders) => {
      // Raw header names, as the server cased them.
      for (const [name, value] of Object.entries(responseHeaders)) {
        if (value === 'true' && name.toLowerCase() === 'idempotent-replayed') replayed++;
      }
    },
  };
  if (key === FRESH_KEY || typeof body === 'function') {
    // autocannon copies the headers before calling setupRequest, so this changes one request only.
    request.setupRequest = (req) => {
      if (key === FRESH_KEY) req.headers['idempotency-key'] = newIdempotencyKey();
      if (typeof body === 'function') req.body = JSON.stringify(body());
      return req;
    };
  }
  const result = await autocannon({
    url,
    connections,
    pipelining: 1,
    ...(amount ? { amount } : { duration: durationSeconds }),
    requests: [request],
  });
  return {
    rps: result.requests.total / result.duration,
    minMs: result.latency.min,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
    replayed,
    errors: result.errors + result.timeouts,
  };
}
