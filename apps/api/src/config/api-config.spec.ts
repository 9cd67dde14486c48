import { MIN_PRODUCTION_JWT_SECRET_BYTES, readApiConfig } from './api-config';

const DATABASE_URL = 'postgresql://x/y';
const STRONG_SECRET = 'k'.repeat(MIN_PRODUCTION_JWT_SECRET_BYTES);

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
      ['one byte short', 'k'.repeat(MIN_PRODUCTION_JWT_SECRET_BYTES - 1), /JWT_SECRET must be at least 32 bytes[\s\S]*got 31/],
    ])('refuses to start when it is %s', (_case, secret, message) => {
      expect(() => readApiConfig({ ...production, JWT_SECRET: secret })).toThrow(message);
    });

    it('refuses the public development secret', () => {
      const developmentSecret = readApiConfig({ DATABASE_URL }).jwtSecret;
      expect(() => readApiConfig({ ...production, JWT_SECRET: developmentSecret })).toThrow(/must not be the public development secret/);
    });

    it('counts bytes, not characters: 16 two-byte characters are 32 bytes', () => {
      expect(readApiConfig({ ...production, JWT_SECRET: 'é'.repeat(16) }).jwtSecret).toBe('é'.repeat(16));
      expect(() => readApiConfig({ ...production, JWT_SECRET: 'é'.repeat(15) })).toThrow(/got 30/);
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
