import { type Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from 'node:http';
import { endToEndHeaders, readBody } from './http-messages';

/** A request as the proxy forwards it: the body is already read. */
export interface ForwardedRequest {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** The upstream's complete answer. */
export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The upstream that answered. */
  upstream: URL;
}

/**
 * Sends `forwarded` to the first upstream that accepts the connection and reads its whole
 * answer. A refused connection means nothing was sent, so the next upstream is tried; any later
 * failure (reset, hang-up: the API may have seen the request) is thrown, never retried here.
 */
export async function forwardRequest(forwarded: ForwardedRequest, upstreams: readonly URL[], agent: Agent): Promise<UpstreamResponse> {
  let refused: unknown;
  for (const upstream of upstreams) {
    try {
      return await sendOnce(forwarded, upstream, agent);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNREFUSED') throw error;
      refused = error;
    }
  }
  throw refused;
}

function sendOnce(forwarded: ForwardedRequest, upstream: URL, agent: Agent): Promise<UpstreamResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...forwarded.headers, host: upstream.host, 'content-length': forwarded.body.length };
    const outgoing = request({ hostname: upstream.hostname, port: upstream.port, method: forwarded.method, path: forwarded.url, headers, agent });
    outgoing.on('error', reject);
    outgoing.on('response', (incoming) => {
      readBody(incoming).then((body) => resolve({ status: incoming.statusCode ?? 502, headers: incoming.headers, body, upstream }), reject);
    });
    outgoing.end(forwarded.body);
  });
}

/** Response headers to relay: the upstream's end-to-end headers (CORS included) and the body's length. */
export function relayedHeaders(response: UpstreamResponse): OutgoingHttpHeaders {
  const headers = endToEndHeaders(response.headers);
  // A chunked answer was read whole; HEAD and 304 answers keep the length the upstream declared.
  if (headers['content-length'] === undefined) headers['content-length'] = response.body.length;
  return headers;
}
