import { connectOriginsFromEnv, contentSecurityPolicy } from './content-security-policy';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe('contentSecurityPolicy({ nonce, connectOrigins })', () => {
  const policy = directives(contentSecurityPolicy({ nonce: 'bm9uY2U=', connectOrigins: ['http://127.0.0.1:3333', 'http://127.0.0.1:3333'] }));

  it('lets scripts run only with this response’s nonce, never inline or from eval', () => {
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
  });

  it('lets the page call only itself and the given origins, each once', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:3333']);
  });

  it.each([
    ['frame-ancestors', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['default-src', "'self'"],
  ])('sets %s to %s', (name, value) => {
    expect(policy.get(name)).toEqual([value]);
  });

  it('when in development, also allows eval (React’s debugging needs it)', () => {
    const dev = directives(contentSecurityPolicy({ nonce: 'n', connectOrigins: [], development: true }));
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
  });
});

describe('connectOriginsFromEnv(env)', () => {
  it('when only the API is configured, is its origin', () => {
    expect(connectOriginsFromEnv({ SAFE_CHECKOUT_API_URL: 'http://127.0.0.1:4000/' })).toEqual(['http://127.0.0.1:4000']);
  });

  it('when nothing is configured, is the API’s default origin', () => {
    expect(connectOriginsFromEnv({})).toEqual(['http://localhost:3333']);
  });

  it('in demo mode, adds both chaos admin endpoints’ origins (not their paths)', () => {
    const env = {
      SAFE_CHECKOUT_API_URL: 'http://localhost:3334',
      SAFE_CHECKOUT_CHAOS_ADMIN_URL: 'http://localhost:3334/__chaos',
      SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL: 'http://localhost:3341/__chaos',
    };
    expect(connectOriginsFromEnv(env)).toEqual(['http://localhost:3334', 'http://localhost:3334', 'http://localhost:3341']);
  });
});
