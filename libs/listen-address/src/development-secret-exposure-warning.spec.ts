import { developmentSecretExposureWarning } from './development-secret-exposure-warning';

describe('developmentSecretExposureWarning({ host, port, publicSecrets })', () => {
  const publicSecrets = ['JWT_SECRET is the development secret', 'PAYMENT_PROVIDER_SECRET_KEY is the sandbox key'];

  it.each(['0.0.0.0', '::', '', '192.168.1.20', 'my-laptop.example.test'])('warns, naming the host and each secret, on the exposed address %j', (host) => {
    const warning = developmentSecretExposureWarning({ host, port: 3340, publicSecrets });
    expect(warning).toMatch(/WARNING: listening on .+ \(HOST\), reachable from other machines/);
    for (const secret of publicSecrets) expect(warning).toContain(`!!   - ${secret}`);
  });

  it.each([
    ['0.0.0.0', '0.0.0.0:3340'],
    ['::', '[::]:3340'],
    ['', 'all interfaces, port 3340'],
  ])('names the address %j with its port as %s', (host, address) => {
    expect(developmentSecretExposureWarning({ host, port: 3340, publicSecrets })).toContain(`listening on ${address} (HOST)`);
  });

  it('frames the warning in lines of "!!", with the fix', () => {
    const lines = developmentSecretExposureWarning({ host: '0.0.0.0', port: 3340, publicSecrets })!.split('\n');
    expect(lines.every((line) => line.startsWith('!!'))).toBe(true);
    expect(lines.at(-2)).toMatch(/Unset HOST .* or set your own secrets/);
  });

  it.each(['127.0.0.1', 'localhost', '::1'])('stays quiet on the loopback address %s, whatever the secrets', (host) => {
    expect(developmentSecretExposureWarning({ host, port: 3340, publicSecrets })).toBeUndefined();
  });

  it('stays quiet on an exposed address when no public secret is in use', () => {
    expect(developmentSecretExposureWarning({ host: '0.0.0.0', port: 3340, publicSecrets: [] })).toBeUndefined();
  });
});
