import { readApiConfig } from './api-config';

describe('readApiConfig', () => {
  it('applies the contract defaults when only DATABASE_URL is given', () => {
    expect(readApiConfig({ DATABASE_URL: 'postgresql://x/y' })).toMatchObject({
      port: 3333,
      idempotencyKeyTtlSeconds: 86_400,
      idempotencyLeaseMs: 30_000,
    });
  });

  it('lists every invalid variable in one error', () => {
    expect(() => readApiConfig({ PORT: 'abc', IDEMPOTENCY_KEY_TTL_SECONDS: '0', NODE_ENV: 'production' })).toThrow(
      /PORT must be an integer[\s\S]*IDEMPOTENCY_KEY_TTL_SECONDS[\s\S]*DATABASE_URL is required[\s\S]*JWT_SECRET is required/,
    );
  });
});
