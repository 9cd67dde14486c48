import { DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS, DEFAULT_IDEMPOTENCY_LEASE_MS, DEFAULT_REPLAYED_HEADERS, pickReplayableHeaders } from './idempotency-options';

describe('defaults', () => {
  it("match the contract's 24 h retention and 30 s lease", () => {
    expect(DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS).toBe(24 * 60 * 60);
    expect(DEFAULT_IDEMPOTENCY_LEASE_MS).toBe(30 * 1000);
  });
});

describe('pickReplayableHeaders(headers, allowlist)', () => {
  const sent = {
    'Content-Type': 'application/json; charset=utf-8',
    Location: '/orders/42',
    'Set-Cookie': ['session=abc'],
    'X-Request-Id': 'req-1',
    'content-length': 42,
  };

  it('keeps the default allowlist, Content-Type and Location, under lower-cased names', () => {
    expect(pickReplayableHeaders(sent, DEFAULT_REPLAYED_HEADERS)).toEqual({
      'content-type': 'application/json; charset=utf-8',
      location: '/orders/42',
    });
  });

  it('matches allow-listed names case-insensitively', () => {
    expect(pickReplayableHeaders(sent, ['X-REQUEST-ID'])).toEqual({ 'x-request-id': 'req-1' });
  });

  it('turns a numeric value into a string and drops arrays and undefined', () => {
    const headers = { ...sent, etag: undefined, vary: ['accept'] };
    expect(pickReplayableHeaders(headers, ['content-length', 'etag', 'vary'])).toEqual({ 'content-length': '42' });
  });

  it('never keeps Set-Cookie or Authorization, even when allow-listed', () => {
    const headers = { 'set-cookie': 'session=abc', Authorization: 'Bearer t', 'Proxy-Authorization': 'Basic x' };
    expect(pickReplayableHeaders(headers, ['set-cookie', 'authorization', 'proxy-authorization'])).toEqual({});
  });
});
