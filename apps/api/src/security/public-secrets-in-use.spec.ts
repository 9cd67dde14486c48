import { developmentSecretExposureWarning } from '@safe-checkout/listen-address';
import { readApiConfig } from '../config/api-config';
import { publicSecretsInUse } from './public-secrets-in-use';

const DATABASE_URL = 'postgresql://x/y';

describe('publicSecretsInUse(config)', () => {
  it('names the development JWT secret and the sandbox key of a default configuration', () => {
    const secrets = publicSecretsInUse(readApiConfig({ DATABASE_URL }));
    expect(secrets).toEqual([expect.stringMatching(/^JWT_SECRET/), expect.stringMatching(/^PAYMENT_PROVIDER_SECRET_KEY/)]);
  });

  it('names none when both are set to secrets of your own', () => {
    expect(publicSecretsInUse(readApiConfig({ DATABASE_URL, JWT_SECRET: 'mine', PAYMENT_PROVIDER_SECRET_KEY: 'sk_test_mine' }))).toEqual([]);
  });

  it('makes a default configuration on HOST=0.0.0.0 warn of both, with what an attacker can do', () => {
    const config = readApiConfig({ DATABASE_URL, HOST: '0.0.0.0' });
    const warning = developmentSecretExposureWarning({ host: config.host, port: config.port, publicSecrets: publicSecretsInUse(config) });
    expect(warning).toContain('JWT_SECRET is the development secret: anyone can sign a token for any user');
    expect(warning).toContain('anyone who reaches the sandbox can list every payment and its user id');
  });
});
