import { ApiConfig, SANDBOX_SECRET_KEY } from '../config/api-config';
import { isLoopbackHost } from './loopback-host';

/** The public development secrets `config` runs with (they are in the source and the docs). */
export function publicSecretsInUse(config: Pick<ApiConfig, 'usesDevelopmentJwtSecret' | 'paymentProviderSecretKey'>): string[] {
  return [
    ...(config.usesDevelopmentJwtSecret ? ['JWT_SECRET is the development secret: anyone can sign a token for any user'] : []),
    ...(config.paymentProviderSecretKey === SANDBOX_SECRET_KEY
      ? [`PAYMENT_PROVIDER_SECRET_KEY is the sandbox's ${SANDBOX_SECRET_KEY}: anyone who reaches the sandbox can list every payment and its user id`]
      : []),
  ];
}

/**
 * The warning to print at start when a process with public development secrets listens on an
 * address other machines can reach (issue 20: the sandbox's list plus a token signed with the
 * development secret is an account takeover from the network), or `undefined` when it does not.
 * A banner rather than a log line: it must be seen even with `LOG_LEVEL=silent` or JSON logs.
 */
export function developmentSecretExposureWarning(host: string, publicSecrets: readonly string[]): string | undefined {
  if (isLoopbackHost(host) || publicSecrets.length === 0) return undefined;
  const rule = '!'.repeat(78);
  return [
    rule,
    `!! WARNING: listening on ${host || 'all interfaces'} (HOST), reachable from other machines,`,
    '!! with PUBLIC development secrets:',
    ...publicSecrets.map((secret) => `!!   - ${secret}`),
    '!! Unset HOST (default 127.0.0.1) for a local demo, or set your own secrets (docs/security.md).',
    rule,
  ].join('\n');
}
