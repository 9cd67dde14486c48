import { readApiConfig } from '../config/api-config';
import { developmentSecretExposureWarning, publicSecretsInUse } from './development-secret-exposure';

const DATABASE_URL = 'postgresql://x/y';

describe('publicSecretsInUse(config)', () => {
  it('names the development JWT secret and the sandbox key of a default configuration', () => {
    const secrets = publicSecretsInUse(readApiConfig({ DATABASE_URL }));
    expect(secrets).toEqual([expect.stringMatching(/^JWT_SECRET/), expect.stringMatching(/^PAYMENT_PROVIDER_SECRET_KEY/)]);
  });

  it('names none when both are set to secrets of your own', () => {
    expect(publicSecretsInUse(readApiConfig({ DATABASE_URL, JWT_SECRET: 'mine', PAYMENT_PROVIDER_SECRET_KEY: 'sk_test_mine' }))).toEqual([]);
  });
});

describe('developmentSecretExposureWarning(host, publicSecrets)', () => {
  const secrets = ['JWT_SECRET is the development secret'];

  it.each(['0.0.0.0', '::', '', '192.168.1.20', 'my-laptop.example.test'])('warns, naming the host and each secret, on the exposed address %j', (host) => {
    const warning = developmentSecretExposureWarning(host, secrets);
    expect(warning).toMatch(/WARNING: listening on .+ \(HOST\), reachable from other machines/);
    expect(warning).toContain(secrets[0]);
  });

  it.each(['127.0.0.1', 'localhost', '::1'])('stays quiet on the loopback address %s', (host) => {
    expect(developmentSecretExposureWarning(host, secrets)).toBeUndefined();
  });

  it('stays quiet on an exposed address when no public secret is in use', () => {
    expect(developmentSecretExposureWarning('0.0.0.0', [])).toBeUndefined();
  });
});
