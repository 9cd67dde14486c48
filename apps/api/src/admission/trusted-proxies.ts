import { BlockList, isIP } from 'node:net';

/**
 * The proxies whose `X-Forwarded-For` the API believes (`TRUSTED_PROXIES`, docs/capacity.md):
 * addresses (`10.0.0.7`) or CIDRs (`172.16.0.0/12`, `fd00::/8`). Throws on an entry that is
 * neither, so a typo stops the start instead of silently trusting nobody (or everybody).
 */
export function parseTrustedProxies(entries: readonly string[]): BlockList {
  const trusted = new BlockList();
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!family || rest.length || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    }
    trusted.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return trusted;
}

/** Whether `address` (IPv4, IPv6 or IPv4-mapped IPv6) is one of `trusted`. */
export function isTrusted(trusted: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
}
