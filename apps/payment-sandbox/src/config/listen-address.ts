import { isIP } from 'node:net';
import { DEFAULT_SECRET_KEY } from './sandbox-config';

/**
 * Whether listening on `host` keeps the sandbox to this machine: `localhost`, 127.0.0.0/8, `::1`
 * (and 127.x written as an IPv4-mapped IPv6 address). Anything else counts as exposed, including
 * `0.0.0.0`, `::` and any other host name, whose address this cannot know.
 */
export function isLoopbackHost(host: string): boolean {
  const address = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (address === 'localhost') return true;
  const ipv4 = isIP(address) === 4 ? address : /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (ipv4 !== undefined && isIP(ipv4) === 4) return ipv4.startsWith('127.');
  return isIP(address) === 6 && /^(0{0,4}:){2,7}0{0,3}1$|^::1$/.test(address);
}

/**
 * The warning to print at start when the sandbox listens beyond this machine while accepting the
 * public development key `sk_test_safe_checkout_sandbox`: anyone who can reach it can then read
 * every PaymentIntent and its metadata (issue 20). `undefined` when there is nothing to warn of.
 *
 * @example
 * exposedDevelopmentKeyWarning({ host: '0.0.0.0', port: 3340, secretKey: DEFAULT_SECRET_KEY }); // → 'WARNING: …'
 */
export function exposedDevelopmentKeyWarning(config: { host: string; port: number; secretKey: string }): string | undefined {
  if (isLoopbackHost(config.host) || config.secretKey !== DEFAULT_SECRET_KEY) return undefined;
  return [
    `WARNING: the payment sandbox listens on ${config.host}:${config.port}, beyond this machine, and accepts the PUBLIC development secret key ${DEFAULT_SECRET_KEY}.`,
    'Anyone who can reach this port can list every PaymentIntent and its metadata (order and user ids) and create new ones.',
    'Set PAYMENT_PROVIDER_SECRET_KEY to a secret of your own (and the API the same), or unset HOST to listen on 127.0.0.1 only.',
  ].join('\n');
}
