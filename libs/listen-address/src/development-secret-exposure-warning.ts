import { isLoopbackHost } from './loopback-host';

/** Where a process listens and which public development secrets it runs with. */
export interface ListenExposure {
  /** The `HOST` the process listens on; empty means every interface. */
  host: string;
  /** The TCP port it listens on. */
  port: number;
  /**
   * The public development secrets in use (they are in the source and the docs), one line each:
   * the setting, and what anyone who reaches the process can do with it. The app knows which.
   */
  publicSecrets: readonly string[];
}

/**
 * The banner to print at start when a process with public development secrets listens on an
 * address other machines can reach (the sandbox's list plus a token signed with the
 * development secret is an account takeover from the network), or `undefined` when it does not.
 * A banner rather than a log line: it must be seen even with `LOG_LEVEL=silent` or JSON logs.
 *
 * @example
 * developmentSecretExposureWarning({ host: '0.0.0.0', port: 3333, publicSecrets: ['JWT_SECRET is …'] }); // → '!!!…\n!! WARNING: listening on 0.0.0.0:3333 …'
 */
export function developmentSecretExposureWarning({ host, port, publicSecrets }: ListenExposure): string | undefined {
  if (isLoopbackHost(host) || publicSecrets.length === 0) return undefined;
  const rule = '!'.repeat(78);
  return [
    rule,
    `!! WARNING: listening on ${listenAddress(host, port)} (HOST), reachable from other machines,`,
    '!! with PUBLIC development secrets:',
    ...publicSecrets.map((secret) => `!!   - ${secret}`),
    '!! Unset HOST (default 127.0.0.1) for a local demo, or set your own secrets (docs/security.md).',
    rule,
  ].join('\n');
}

function listenAddress(host: string, port: number): string {
  if (host === '') return `all interfaces, port ${port}`;
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}
