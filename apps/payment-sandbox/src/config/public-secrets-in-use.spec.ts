import { developmentSecretExposureWarning } from '@safe-checkout/listen-address';
import { publicSecretsInUse } from './public-secrets-in-use';
import { DEFAULT_SECRET_KEY, readSandboxConfig } from './sandbox-config';

const PAYMENT_SANDBOX_DATABASE_URL = 'postgresql://x/y';

describe('publicSecretsInUse(config)', () => {
  it('names the public development key of a default configuration', () => {
    expect(publicSecretsInUse(readSandboxConfig({ PAYMENT_SANDBOX_DATABASE_URL }))).toEqual([
      expect.stringMatching(/^PAYMENT_PROVIDER_SECRET_KEY is the development key sk_test_safe_checkout_sandbox: /),
    ]);
  });

  it('names none with a secret key of its own', () => {
    expect(publicSecretsInUse({ secretKey: 'sk_test_a_secret_of_my_own' })).toEqual([]);
  });

  it('makes the sandbox on all interfaces with the public key warn, loudly and with the fix', () => {
    const warning = developmentSecretExposureWarning({ host: '0.0.0.0', port: 3340, publicSecrets: publicSecretsInUse({ secretKey: DEFAULT_SECRET_KEY }) });
    expect(warning).toMatch(/WARNING: listening on 0\.0\.0\.0:3340 .*\n.*\n.*sk_test_safe_checkout_sandbox/);
    expect(warning).toMatch(/list every PaymentIntent and its metadata/);
  });
});
