import { ApiConfig, SANDBOX_SECRET_KEY } from '../config/api-config';

/**
 * The public development secrets `config` runs with (they are in the source and the docs), each
 * with what anyone who reaches the API can do with it: the lines of the exposure banner
 * (`developmentSecretExposureWarning` of @safe-checkout/listen-address).
 */
export function publicSecretsInUse(config: Pick<ApiConfig, 'usesDevelopmentJwtSecret' | 'paymentProviderSecretKey'>): string[] {
  return [
    ...(config.usesDevelopmentJwtSecret ? ['JWT_SECRET is the development secret: anyone can sign a token for any user'] : []),
    ...(config.paymentProviderSecretKey === SANDBOX_SECRET_KEY
      ? [`PAYMENT_PROVIDER_SECRET_KEY is the sandbox's ${SANDBOX_SECRET_KEY}: anyone who reaches the sandbox can list every payment and its user id`]
      : []),
  ];
}
