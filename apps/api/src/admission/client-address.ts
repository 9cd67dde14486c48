import type { IncomingMessage } from 'node:http';
import type { BlockList } from 'node:net';
import { isTrusted } from './trusted-proxies';

/**
 * The address of the client a request comes from, for per-address limits. The socket's peer,
 * unless that peer is a trusted proxy: then `X-Forwarded-For` is read from the right (each proxy
 * appends the address it was connected from) and the first hop that is not a trusted proxy is the
 * client. Hops to its left were written by the client itself and are never believed. When every
 * hop is trusted, the left-most is the client (a proxy such as our nginx that overwrites the header
 * with its peer's address). Without trusted proxies the header is ignored: anyone can send it.
 */
export function clientAddressOf(request: IncomingMessage, trustedProxies: BlockList): string {
  const peer = request.socket.remoteAddress ?? 'unknown';
  if (!isTrusted(trustedProxies, peer)) return normalise(peer);
  const hops = (request.headersDistinct?.['x-forwarded-for'] ?? [])
    .flatMap((line) => line.split(','))
    .map((hop) => hop.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    // A hop that is not an address (garbage, `unknown`, a port) cannot be a proxy of ours: it is
    // where the trusted chain ends, and it is counted as the client, as written.
    if (!isTrusted(trustedProxies, hops[i])) return normalise(hops[i]);
  }
  return normalise(hops[0] ?? peer);
}

// One client, one bucket: `::ffff:10.0.0.1` (IPv4 on a dual-stack socket) is `10.0.0.1`.
function normalise(address: string): string {
  // At most the length of an IPv6 address with zone, so a forged hop cannot make a huge bucket name.
  return address
    .toLowerCase()
    .replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1')
    .slice(0, 64);
}
