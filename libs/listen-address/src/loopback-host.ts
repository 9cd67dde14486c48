import { BlockList, isIP } from 'node:net';

/** The interface every process of `npm start` listens on unless `HOST` says otherwise (docs/security.md). */
export const DEFAULT_HOST = '127.0.0.1';

// 127.0.0.0/8 and ::1 (RFC 1122 §3.2.1.3, RFC 4291 §2.5.3); BlockList also matches their other
// spellings (`0::1`) and IPv4-mapped forms (`::ffff:127.0.0.1`).
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether a listening address is reachable from this machine only: `localhost`, any address of
 * 127.0.0.0/8 or `::1`. Wildcards (`0.0.0.0`, `::`, empty) and every other address or name are
 * not: a name may resolve to anything, so it counts as exposed.
 *
 * @example isLoopbackHost('127.0.0.1') // true
 * @example isLoopbackHost('0.0.0.0') // false
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost') return true;
  const family = isIP(bare);
  return family !== 0 && LOOPBACK.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}
