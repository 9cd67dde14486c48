import { fromIdempotencyKeyHeader, mintIdempotencyKey, toIdempotencyKeyHeader } from './idempotency-key-header';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('mintIdempotencyKey()', () => {
  it('returns a fresh UUIDv4 every time', () => {
    const keys = new Set(Array.from({ length: 100 }, mintIdempotencyKey));
    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(UUID_V4);
  });
});

describe('toIdempotencyKeyHeader(key)', () => {
  it('sends a key as an RFC 8941 sf-string', () => {
    expect(toIdempotencyKeyHeader('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('"8e03978e-40d5-43e8-bc93-6894a57f9324"');
  });

  it('escapes quotes and backslashes', () => {
    expect(toIdempotencyKeyHeader('order-"42"-\\-abcdef')).toBe('"order-\\"42\\"-\\\\-abcdef"');
  });

  it.each([
    ['non-ASCII', 'commande-numéro-42-abc'],
    ['a line break', 'order-42\nabcdefghijk'],
    ['a space', 'order 42 abcdefghijklm'],
    ['fewer than 16 characters', 'order-42'],
    ['more than 255 characters', 'k'.repeat(256)],
  ])('refuses a key with %s before sending it: the server would answer 400', (_case, key) => {
    expect(() => toIdempotencyKeyHeader(key)).toThrow(RangeError);
  });
});

describe('fromIdempotencyKeyHeader(value)', () => {
  it('reads back what toIdempotencyKeyHeader wrote', () => {
    for (const key of ['plain-key-0123456789', 'order-"42"-\\-abcdef', mintIdempotencyKey()]) {
      expect(fromIdempotencyKeyHeader(toIdempotencyKeyHeader(key))).toBe(key);
    }
  });

  it('takes a bare token as the key itself', () => {
    expect(fromIdempotencyKeyHeader('order-42-attempt')).toBe('order-42-attempt');
  });
});
