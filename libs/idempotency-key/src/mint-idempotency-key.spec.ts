import { parseIdempotencyKeyHeader } from './idempotency-key';
import { mintIdempotencyKey } from './mint-idempotency-key';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('mintIdempotencyKey()', () => {
  it('mints distinct UUIDv4s that the server accepts as keys', () => {
    const keys = Array.from({ length: 100 }, mintIdempotencyKey);
    expect(new Set(keys).size).toBe(100);
    for (const key of keys) {
      expect(key).toMatch(UUID_V4);
      expect(parseIdempotencyKeyHeader(key)).toEqual({ ok: true, key });
    }
  });

  it('mints UUIDv4s from getRandomValues where randomUUID is missing (an insecure browser context)', () => {
    const randomUUID = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const keys = Array.from({ length: 100 }, mintIdempotencyKey);
      expect(new Set(keys).size).toBe(100);
      for (const key of keys) expect(key).toMatch(UUID_V4);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });
});
