import { DEFAULT_API_BASE_URL, apiBaseUrlFromEnv } from './storefront-config';

describe('apiBaseUrlFromEnv(env)', () => {
  it('when SAFE_CHECKOUT_API_URL is unset, is the API on this machine', () => {
    expect(apiBaseUrlFromEnv({})).toBe(DEFAULT_API_BASE_URL);
  });

  it('when it is set, is that URL without a trailing slash (e.g. the chaos proxy)', () => {
    expect(apiBaseUrlFromEnv({ SAFE_CHECKOUT_API_URL: 'http://localhost:3334/' })).toBe('http://localhost:3334');
  });

  it('when it is not an http(s) URL, refuses to start', () => {
    expect(() => apiBaseUrlFromEnv({ SAFE_CHECKOUT_API_URL: 'ftp://example.test' })).toThrow(/http/);
  });
});
