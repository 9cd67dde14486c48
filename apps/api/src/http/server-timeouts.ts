import type { Server } from 'node:http';

/**
 * How long the API's HTTP server waits for a client (docs/capacity.md "Timeouts"). Node's defaults
 * let a client hold a connection and its parser for minutes: 60 s for headers (74 s observed, as
 * the check runs every 30 s) and 300 s for a body that never comes. All in ms.
 */
export const SERVER_TIMEOUTS = {
  /** Complete request headers must arrive within this (Node: 60 000). */
  headersTimeoutMs: 5_000,
  /**
   * The whole request, headers and body, must arrive within this (Node: 300 000). A 16 KiB body
   * (the largest accepted, json-body-policy.ts) needs 10 s only below 14 kbit/s.
   */
  requestTimeoutMs: 10_000,
  /**
   * An idle keep-alive connection is closed after this (Node's default, stated here so it stays
   * known). A proxy in front must close idle upstream connections sooner, or it may send a request
   * on a connection we are closing: nginx's upstream `keepalive_timeout` is 4 s (deploy/production/nginx.conf).
   */
  keepAliveTimeoutMs: 5_000,
  /** How often the two timeouts above are checked (Node: 30 000): a late cut-off is at most this late. */
  connectionsCheckingIntervalMs: 1_000,
  /** Header lines read per request (Node: 2 000); no route needs more than a dozen. */
  maxHeadersCount: 100,
} as const;

/**
 * Applies {@link SERVER_TIMEOUTS} to `server`. Call before it listens: Node starts the check of
 * headers and request timeouts when it starts listening, at the interval set then.
 */
export function applyServerTimeouts(server: Server, timeouts = SERVER_TIMEOUTS): void {
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  server.maxHeadersCount = timeouts.maxHeadersCount;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = timeouts.connectionsCheckingIntervalMs;
}
