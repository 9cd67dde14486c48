import { DEFAULT_SECRET_KEY, readSandboxConfig, sandboxDatabase } from './sandbox-config';

describe('readSandboxConfig(env)', () => {
  it('applies the contract defaults when only DATABASE_URL is given', () => {
    expect(readSandboxConfig({ DATABASE_URL: 'postgresql://u@db:5432/safe_checkout' })).toEqual({
      port: 3340,
      host: '127.0.0.1',
      database: { url: 'postgresql://u@db:5432/safe_checkout_payment_sandbox', createIfMissing: true },
      secretKey: DEFAULT_SECRET_KEY,
      logLevel: 'info',
      webhooks: { maxAttempts: 10, retryBaseDelayMs: 5_000, retryMaxDelayMs: 600_000, attemptTimeoutMs: 10_000, concurrency: 4, pollIntervalMs: 5_000 },
    });
    expect(DEFAULT_SECRET_KEY).toBe('sk_test_safe_checkout_sandbox');
  });

  it('reads PAYMENT_SANDBOX_PORT, HOST, PAYMENT_PROVIDER_SECRET_KEY and LOG_LEVEL', () => {
    const env = {
      DATABASE_URL: 'postgresql://db/shop',
      PAYMENT_SANDBOX_PORT: '4000',
      HOST: '0.0.0.0',
      PAYMENT_PROVIDER_SECRET_KEY: 'sk_test_x',
      LOG_LEVEL: 'warn',
    };
    expect(readSandboxConfig(env)).toMatchObject({ port: 4000, host: '0.0.0.0', secretKey: 'sk_test_x', logLevel: 'warn' });
  });

  it('lists every invalid variable in one error', () => {
    expect(() => readSandboxConfig({ PAYMENT_SANDBOX_PORT: 'abc', PAYMENT_PROVIDER_SECRET_KEY: 'sk test' })).toThrow(
      /PAYMENT_SANDBOX_PORT must be a port number[\s\S]*PAYMENT_SANDBOX_DATABASE_URL or DATABASE_URL is required[\s\S]*PAYMENT_PROVIDER_SECRET_KEY/,
    );
  });
});

describe('sandboxDatabase(env)', () => {
  it('uses PAYMENT_SANDBOX_DATABASE_URL as it is, and never creates that database', () => {
    const env = { PAYMENT_SANDBOX_DATABASE_URL: 'postgresql://psp/sandbox', DATABASE_URL: 'postgresql://db/shop' };
    expect(sandboxDatabase(env)).toEqual({ url: 'postgresql://psp/sandbox', createIfMissing: false });
  });

  it("derives <name>_payment_sandbox on DATABASE_URL's server, keeping credentials and parameters", () => {
    expect(sandboxDatabase({ DATABASE_URL: 'postgresql://app:s3cret@db.internal:6543/safe_checkout?sslmode=require' })).toEqual({
      url: 'postgresql://app:s3cret@db.internal:6543/safe_checkout_payment_sandbox?sslmode=require',
      createIfMissing: true,
    });
  });

  it('decodes a percent-encoded database name before appending the suffix', () => {
    expect(sandboxDatabase({ DATABASE_URL: 'postgresql://db/my%20shop' })).toEqual({
      url: 'postgresql://db/my%20shop_payment_sandbox',
      createIfMissing: true,
    });
  });

  it.each([
    ['no URL at all', {}, /is required/],
    ['a URL without a database name', { DATABASE_URL: 'postgresql://db:5432' }, /names no database/],
    ['a malformed URL', { DATABASE_URL: 'not a url' }, /not a valid URL/],
    ['a name PostgreSQL would truncate', { DATABASE_URL: `postgresql://db/${'x'.repeat(48)}` }, /longer than PostgreSQL's 63 bytes/],
  ])('explains why it cannot derive one from %s', (_case, env, why) => {
    expect(sandboxDatabase(env)).toMatch(why);
  });
});
