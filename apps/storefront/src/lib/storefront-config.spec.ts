import { DEFAULT_API_BASE_URL, apiBaseUrlFromEnv, chaosAdminUrlsFromEnv } from './storefront-config';

const chaosAdminUrlFromEnv = (env: Record<string, string>) => chaosAdminUrlsFromEnv(env).browserApi;
const providerChaosAdminUrlFromEnv = (env: Record<string, string>) => chaosAdminUrlsFromEnv(env).apiProvider;

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

describe('chaosAdminUrlsFromEnv(env).browserApi', () => {
  it('when SAFE_CHECKOUT_CHAOS_ADMIN_URL is unset or blank, is null: no chaos panel', () => {
    expect(chaosAdminUrlFromEnv({})).toBeNull();
    expect(chaosAdminUrlFromEnv({ SAFE_CHECKOUT_CHAOS_ADMIN_URL: '  ' })).toBeNull();
  });

  it('when it is set, is that URL without a trailing slash', () => {
    expect(chaosAdminUrlFromEnv({ SAFE_CHECKOUT_CHAOS_ADMIN_URL: 'http://localhost:3334/__chaos/' })).toBe('http://localhost:3334/__chaos');
  });

  it('when it is not an http(s) URL, refuses to start', () => {
    expect(() => chaosAdminUrlFromEnv({ SAFE_CHECKOUT_CHAOS_ADMIN_URL: 'javascript:alert(1)' })).toThrow(/SAFE_CHECKOUT_CHAOS_ADMIN_URL/);
  });
});

describe('chaosAdminUrlsFromEnv(env).apiProvider', () => {
  it('when SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL is unset or blank, is null: no rates for the API → provider hop', () => {
    expect(providerChaosAdminUrlFromEnv({ SAFE_CHECKOUT_CHAOS_ADMIN_URL: 'http://localhost:3334/__chaos' })).toBeNull();
    expect(providerChaosAdminUrlFromEnv({ SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL: ' ' })).toBeNull();
  });

  it('when it is set, is that URL without a trailing slash', () => {
    expect(providerChaosAdminUrlFromEnv({ SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL: 'http://localhost:3341/__chaos/' })).toBe('http://localhost:3341/__chaos');
  });

  it('when it is not an http(s) URL, refuses to start', () => {
    expect(() => providerChaosAdminUrlFromEnv({ SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL: 'file:///etc/passwd' })).toThrow(
      /SAFE_CHECKOUT_PROVIDER_CHAOS_ADMIN_URL/,
    );
  });
});
