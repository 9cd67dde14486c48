import { DEFAULT_SECRET_KEY, SandboxConfig } from './sandbox-config';

/**
 * The public development secrets `config` runs with (in the source and the docs), each with what
 * anyone who reaches the sandbox can do with it: the lines of the exposure banner
 * (`developmentSecretExposureWarning` of @safe-checkout/listen-address).
 */
export function publicSecretsInUse(config: Pick<SandboxConfig, 'secretKey'>): string[] {
  return config.secretKey === DEFAULT_SECRET_KEY
    ? [
        `PAYMENT_PROVIDER_SECRET_KEY is the development key ${DEFAULT_SECRET_KEY}: anyone who reaches this port can list every PaymentIntent and its metadata (order and user ids) and create new ones; set a key of your own here and in the API`,
      ]
    : [];
}
