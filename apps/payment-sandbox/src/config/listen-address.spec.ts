import { exposedDevelopmentKeyWarning, isLoopbackHost } from './listen-address';
import { DEFAULT_SECRET_KEY } from './sandbox-config';

describe('isLoopbackHost(host)', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1'])('counts %s as loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', '10.0.0.1', '::ffff:10.0.0.1', 'fe80::1', 'sandbox.internal', '128.0.0.1', '::2'])(
    'counts %s as exposed',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});

describe('exposedDevelopmentKeyWarning({ host, port, secretKey })', () => {
  it('warns, loudly and with the fix, for the public development key on all interfaces', () => {
    const warning = exposedDevelopmentKeyWarning({ host: '0.0.0.0', port: 3340, secretKey: DEFAULT_SECRET_KEY });
    expect(warning).toMatch(/^WARNING: .*0\.0\.0\.0:3340.*sk_test_safe_checkout_sandbox/);
    expect(warning).toMatch(/PAYMENT_PROVIDER_SECRET_KEY/);
  });

  it('warns for any other non-loopback address too', () => {
    expect(exposedDevelopmentKeyWarning({ host: '192.168.1.10', port: 3340, secretKey: DEFAULT_SECRET_KEY })).toBeDefined();
  });

  it('stays quiet on loopback, whatever the key', () => {
    expect(exposedDevelopmentKeyWarning({ host: '127.0.0.1', port: 3340, secretKey: DEFAULT_SECRET_KEY })).toBeUndefined();
  });

  it('stays quiet when exposed with a secret key of its own', () => {
    expect(exposedDevelopmentKeyWarning({ host: '0.0.0.0', port: 3340, secretKey: 'sk_test_a_secret_of_my_own' })).toBeUndefined();
  });
});
