import { MIN_PRODUCTION_JWT_SECRET_BYTES } from '../security/jwt-secret-strength';
import { readApiConfig } from './api-config';

const DATABASE_URL = 'postgresql://x/y';
// 32 bytes, 32 distinct characters: strong by the production rule (security/jwt-secret-strength.ts).
const STRONG_SECRET = 'abcdefghijklmnopqrstuvwxyz012345';

describe('readApiConfig', () => {
  it('applies the contract defaults when only DATABASE_URL is given', () => {
    expect(readApiConfig({ DATABASE_URL })).toMatchObject({
      port: 3333,
      idempotencyKeyTtlSeconds: 86_400,
      idempotencyLeaseMs: 30_000,
      paymentProviderUrl: 'http://127.0.0.1:3340',
      paymentProviderSecretKey: 'sk_test_safe_checkout_sandbox',
      checkoutRecoveryAfterSeconds: 60,
    });
  });

  it('listens on loopback unless HOST says otherwise', () => {
    expect(readApiConfig({ DATABASE_URL }).host).toBe('127.0.0.1');
    expect(readApiConfig({ DATABASE_URL, HOST: '' }).host).toBe('127.0.0.1');
    expect(readApiConfig({ DATABASE_URL, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  describe('CORS origins', () => {
    it("default to the storefront's origins on port 4200, by name and by address", () => {
      expect(readApiConfig({ DATABASE_URL }).corsOrigins).toEqual(['http://localhost:4200', 'http://127.0.0.1:4200']);
    });

    it('follow STOREFRONT_PORT', () => {
      expect(readApiConfig({ DATABASE_URL, STOREFRONT_PORT: '4203' }).corsOrigins).toEqual(['http://localhost:4203', 'http://127.0.0.1:4203']);
    });

    it('add the storefront at HOST when HOST is one network address, but not for a wildcard or loopback', () => {
      expect(readApiConfig({ DATABASE_URL, HOST: '192.168.1.20' }).corsOrigins).toContain('http://192.168.1.20:4200');
      expect(readApiConfig({ DATABASE_URL, HOST: 'fd00::20' }).corsOrigins).toContain('http://[fd00::20]:4200');
      expect(readApiConfig({ DATABASE_URL, HOST: '0.0.0.0' }).corsOrigins).toHaveLength(2);
      expect(readApiConfig({ DATABASE_URL, HOST: '::1' }).corsOrigins).toHaveLength(2);
    });

    it('are exactly CORS_ORIGINS when it is set, trimmed, whatever STOREFRONT_PORT says', () => {
      expect(
        readApiConfig({ DATABASE_URL, STOREFRONT_PORT: '4203', CORS_ORIGINS: ' https://shop.example.test ,https://www.example.test' }).corsOrigins,
      ).toEqual(['https://shop.example.test', 'https://www.example.test']);
    });

    it.each(['abc', '0', '70000', '42.5'])('refuse STOREFRONT_PORT=%s', (port) => {
      expect(() => readApiConfig({ DATABASE_URL, STOREFRONT_PORT: port })).toThrow(/STOREFRONT_PORT must be an integer from 1 to 65535/);
    });
  });

  describe('token lifetime', () => {
    it('allows tokens of at most 24 h by default, and signs them for 1 h', () => {
      expect(readApiConfig({ DATABASE_URL })).toMatchObject({ jwtTtlSeconds: 3600, jwtMaxLifetimeSeconds: 86_400 });
    });

    it('refuses a JWT_TTL_SECONDS above JWT_MAX_LIFETIME_SECONDS: the API would sign tokens it then refuses', () => {
      expect(() => readApiConfig({ DATABASE_URL, JWT_TTL_SECONDS: '7200', JWT_MAX_LIFETIME_SECONDS: '3600' })).toThrow(
        /JWT_TTL_SECONDS \(7200\) must not exceed JWT_MAX_LIFETIME_SECONDS \(3600\)/,
      );
    });
  });

  it('reads the payment provider and the checkout recovery delay (payments.md §4)', () => {
    expect(
      readApiConfig({
        DATABASE_URL,
        PAYMENT_PROVIDER_URL: 'https://api.stripe.com',
        PAYMENT_PROVIDER_SECRET_KEY: 'sk_test_x',
        CHECKOUT_RECOVERY_AFTER_SECONDS: '5',
      }),
    ).toMatchObject({
      paymentProviderUrl: 'https://api.stripe.com',
      paymentProviderSecretKey: 'sk_test_x',
      checkoutRecoveryAfterSeconds: 5,
    });
    expect(() => readApiConfig({ DATABASE_URL, CHECKOUT_RECOVERY_AFTER_SECONDS: 'soon' })).toThrow(/CHECKOUT_RECOVERY_AFTER_SECONDS must be an integer/);
  });

  it('reads how many stalled checkouts the recovery worker charges at once, default 8, at least 1', () => {
    expect(readApiConfig({ DATABASE_URL }).checkoutRecoveryConcurrency).toBe(8);
    expect(readApiConfig({ DATABASE_URL, CHECKOUT_RECOVERY_CONCURRENCY: '3' }).checkoutRecoveryConcurrency).toBe(3);
    expect(() => readApiConfig({ DATABASE_URL, CHECKOUT_RECOVERY_CONCURRENCY: '0' })).toThrow(/CHECKOUT_RECOVERY_CONCURRENCY must be an integer ≥ 1/);
  });

  it('wakes duplicates that wait with LISTEN/NOTIFY unless IDEMPOTENCY_WAIT_NOTIFICATIONS is off', () => {
    expect(readApiConfig({ DATABASE_URL }).idempotencyWaitNotifications).toBe(true);
    expect(readApiConfig({ DATABASE_URL, IDEMPOTENCY_WAIT_NOTIFICATIONS: 'on' }).idempotencyWaitNotifications).toBe(true);
    expect(readApiConfig({ DATABASE_URL, IDEMPOTENCY_WAIT_NOTIFICATIONS: 'off' }).idempotencyWaitNotifications).toBe(false);
    expect(() => readApiConfig({ DATABASE_URL, IDEMPOTENCY_WAIT_NOTIFICATIONS: 'false' })).toThrow(/IDEMPOTENCY_WAIT_NOTIFICATIONS must be "on" or "off"/);
  });

  it('lists every invalid variable in one error', () => {
    expect(() => readApiConfig({ PORT: 'abc', IDEMPOTENCY_KEY_TTL_SECONDS: '0', NODE_ENV: 'production' })).toThrow(
      /PORT must be an integer[\s\S]*IDEMPOTENCY_KEY_TTL_SECONDS[\s\S]*DATABASE_URL is required[\s\S]*JWT_SECRET is required/,
    );
  });

  describe('JWT_SECRET outside production', () => {
    it('when unset, falls back to the development secret and says so (usesDevelopmentJwtSecret)', () => {
      const config = readApiConfig({ DATABASE_URL });
      expect(config.jwtSecret).not.toBe('');
      expect(config.usesDevelopmentJwtSecret).toBe(true);
    });

    it('when empty (docker-compose passes `${JWT_SECRET:-}`), treats it as unset instead of signing with an empty key', () => {
      const config = readApiConfig({ DATABASE_URL, JWT_SECRET: '', NODE_ENV: 'development' });
      expect(config.jwtSecret).toBe(readApiConfig({ DATABASE_URL }).jwtSecret);
      expect(config.usesDevelopmentJwtSecret).toBe(true);
    });

    it('when set, uses it and does not report the development secret, whatever its length', () => {
      expect(readApiConfig({ DATABASE_URL, JWT_SECRET: 'short' })).toMatchObject({ jwtSecret: 'short', usesDevelopmentJwtSecret: false });
    });

    it('when set to the development value itself, still reports the development secret', () => {
      const developmentSecret = readApiConfig({ DATABASE_URL }).jwtSecret;
      expect(readApiConfig({ DATABASE_URL, JWT_SECRET: developmentSecret }).usesDevelopmentJwtSecret).toBe(true);
    });
  });

  describe('JWT_SECRET with NODE_ENV=production', () => {
    const production = { DATABASE_URL, NODE_ENV: 'production' };

    it.each([
      ['unset', undefined, /JWT_SECRET is required/],
      ['empty', '', /JWT_SECRET is required/],
      ['one byte short', STRONG_SECRET.slice(1), /JWT_SECRET must be at least 32 bytes[\s\S]*got 31/],
      ['32 spaces', ' '.repeat(MIN_PRODUCTION_JWT_SECRET_BYTES), /JWT_SECRET must not be only whitespace/],
      ['one character repeated', 'k'.repeat(64), /JWT_SECRET must have at least 10 distinct characters/],
      ['a short pattern repeated', '0123456789'.repeat(4), /JWT_SECRET must not repeat a shorter pattern/],
    ])('refuses to start when it is %s', (_case, secret, message) => {
      expect(() => readApiConfig({ ...production, JWT_SECRET: secret })).toThrow(message);
    });

    it('refuses the public development secret', () => {
      const developmentSecret = readApiConfig({ DATABASE_URL }).jwtSecret;
      expect(() => readApiConfig({ ...production, JWT_SECRET: developmentSecret })).toThrow(/must not be the public development secret/);
    });

    it('counts bytes, not characters: 16 two-byte characters are 32 bytes', () => {
      const twoByteLetters = 'éèêëàâäîïôöùûüçñ';
      expect(readApiConfig({ ...production, JWT_SECRET: twoByteLetters }).jwtSecret).toBe(twoByteLetters);
      expect(() => readApiConfig({ ...production, JWT_SECRET: twoByteLetters.slice(1) })).toThrow(/got 30/);
    });

    it('accepts a secret of at least 32 bytes and does not report the development secret', () => {
      expect(readApiConfig({ ...production, JWT_SECRET: STRONG_SECRET })).toMatchObject({ jwtSecret: STRONG_SECRET, usesDevelopmentJwtSecret: false });
    });

    it('never puts the rejected secret itself into the error message', () => {
      const weak = 'hunter2-weak-secret';
      expect(() => readApiConfig({ ...production, JWT_SECRET: weak })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(weak) }));
    });
  });
});
