import { parseIdempotencyKeyHeader, serializeIdempotencyKey } from './idempotency-key';

const UUID = '8e03978e-40d5-43e8-bc93-6894a57f9324';
const quoted = (inner: string) => `"${inner}"`;
const invalid = { ok: false, problem: 'idempotency-key-invalid', detail: expect.any(String) };
const missing = { ok: false, problem: 'idempotency-key-missing', detail: expect.any(String) };

describe('parseIdempotencyKeyHeader(raw)', () => {
  describe('when the header holds one acceptable key', () => {
    it('accepts a UUIDv4 sf-string', () => {
      expect(parseIdempotencyKeyHeader(quoted(UUID))).toEqual({ ok: true, key: UUID });
    });

    it('accepts a bare token as the same key as its sf-string form', () => {
      expect(parseIdempotencyKeyHeader(UUID)).toEqual(parseIdempotencyKeyHeader(quoted(UUID)));
    });

    it('accepts a Stripe-style bare value with punctuation that is no sf-token', () => {
      const key = '1f3c/order:42+retry=a"b';
      expect(parseIdempotencyKeyHeader(key)).toEqual({ ok: true, key });
    });

    it('unescapes \\" and \\\\ inside an sf-string', () => {
      const header = String.raw`"order-\"42\"-\\-abcdef"`;
      expect(parseIdempotencyKeyHeader(header)).toEqual({ ok: true, key: 'order-"42"-\\-abcdef' });
    });

    it('ignores whitespace around the value', () => {
      expect(parseIdempotencyKeyHeader(` \t${quoted(UUID)} `)).toEqual({ ok: true, key: UUID });
      expect(parseIdempotencyKeyHeader(` ${UUID}\t`)).toEqual({ ok: true, key: UUID });
    });

    it('takes the only element of a one-line header array', () => {
      expect(parseIdempotencyKeyHeader([UUID])).toEqual({ ok: true, key: UUID });
    });
  });

  describe('length after unquoting', () => {
    it.each([16, 255])('accepts %i characters, quoted or bare', (length) => {
      const key = 'k'.repeat(length);
      expect(parseIdempotencyKeyHeader(quoted(key))).toEqual({ ok: true, key });
      expect(parseIdempotencyKeyHeader(key)).toEqual({ ok: true, key });
    });

    it.each([15, 256])('rejects %i characters, quoted or bare', (length) => {
      expect(parseIdempotencyKeyHeader(quoted('k'.repeat(length)))).toEqual(invalid);
      expect(parseIdempotencyKeyHeader('k'.repeat(length))).toEqual(invalid);
    });

    it('counts an escape as the one character it stands for', () => {
      expect(parseIdempotencyKeyHeader(quoted('\\"'.repeat(15)))).toEqual(invalid);
      expect(parseIdempotencyKeyHeader(quoted('\\"'.repeat(16)))).toEqual({ ok: true, key: '"'.repeat(16) });
    });

    it('rejects an empty sf-string', () => {
      expect(parseIdempotencyKeyHeader('""')).toEqual(invalid);
    });
  });

  describe('characters', () => {
    it('rejects a space inside an sf-string, since a key is visible ASCII only', () => {
      expect(parseIdempotencyKeyHeader(quoted('order 42 abcdefghijk'))).toEqual(invalid);
    });

    it.each([
      ['a space', 'order 42 abcdefghijk'],
      ['a tab', 'order\t42abcdefghijk'],
      ['a control character', 'order\u000142abcdefghijk'],
      ['DEL', 'order\u007f42abcdefghijk'],
      ['non-ASCII', 'commande-numéro-42'],
    ])('rejects %s in a bare token', (_what, key) => {
      expect(parseIdempotencyKeyHeader(key)).toEqual(invalid);
    });

    it.each([
      ['non-ASCII', 'commande-numéro-42'],
      ['a tab', 'order\t42abcdefghijk'],
    ])('rejects %s in an sf-string', (_what, inner) => {
      expect(parseIdempotencyKeyHeader(quoted(inner))).toEqual(invalid);
    });
  });

  describe('when the value is not one well-formed sf-string', () => {
    it.each([
      ['a backslash before anything but " or \\', String.raw`"order\n42abcdefghijk"`],
      ['an unterminated sf-string', `"${UUID}`],
      ['characters after the closing quote', `"${UUID}"x`],
      ['parameters', `"${UUID}";x=1`],
      ['two keys a proxy combined into one line', `"${UUID}", "${UUID}"`],
      ['a bare key and an empty line joined by Node', `${UUID}, `],
      ['two bare keys joined into one line', `${UUID},${UUID}`],
    ])('rejects %s', (_what, raw) => {
      expect(parseIdempotencyKeyHeader(raw)).toEqual(invalid);
    });
  });

  describe('when the header is absent, empty or repeated', () => {
    it('answers missing when the header is absent', () => {
      expect(parseIdempotencyKeyHeader(undefined)).toEqual(missing);
    });

    it('answers missing for an empty list of header lines', () => {
      expect(parseIdempotencyKeyHeader([])).toEqual(missing);
    });

    it('answers invalid for an empty or blank value, which is present but malformed', () => {
      expect(parseIdempotencyKeyHeader('')).toEqual(invalid);
      expect(parseIdempotencyKeyHeader('  ')).toEqual(invalid);
    });

    it('answers invalid for several header lines, even identical ones', () => {
      expect(parseIdempotencyKeyHeader([UUID, UUID])).toEqual(invalid);
    });

    it('answers invalid for a key line plus an empty line, which is not the key alone', () => {
      expect(parseIdempotencyKeyHeader([UUID, ''])).toEqual(invalid);
      expect(parseIdempotencyKeyHeader([quoted(UUID), ''])).toEqual(invalid);
    });
  });

  it('explains the problem without echoing the key', () => {
    const result = parseIdempotencyKeyHeader(quoted('secret-ish value'));
    expect(result).toEqual(invalid);
    expect(JSON.stringify(result)).not.toContain('secret-ish');
  });
});

describe('parseIdempotencyKeyHeader(raw, { minLength })', () => {
  // Stripe's rule: any key of 1–255 characters (the payment sandbox parses keys this way).
  const stripe = { minLength: 1 };

  it.each([1, 15, 255])('accepts %i characters when minLength is 1, quoted or bare', (length) => {
    const key = 'k'.repeat(length);
    expect(parseIdempotencyKeyHeader(key, stripe)).toEqual({ ok: true, key });
    expect(parseIdempotencyKeyHeader(quoted(key), stripe)).toEqual({ ok: true, key });
  });

  it('still rejects 256 characters, an empty value and an empty sf-string', () => {
    expect(parseIdempotencyKeyHeader('k'.repeat(256), stripe)).toEqual(invalid);
    expect(parseIdempotencyKeyHeader('', stripe)).toEqual(invalid);
    expect(parseIdempotencyKeyHeader('""', stripe)).toEqual(invalid);
  });

  it('never accepts an empty key, even when asked for minLength 0', () => {
    expect(parseIdempotencyKeyHeader('""', { minLength: 0 })).toEqual(invalid);
  });

  it.each([
    ['a space', 'a b'],
    ['U+0000', 'a\u0000'],
    ['non-ASCII', 'é'],
  ])('keeps the other rules: rejects %s', (_what, key) => {
    expect(parseIdempotencyKeyHeader(key, stripe)).toEqual(invalid);
  });

  it("defaults to this project's 16 characters", () => {
    expect(parseIdempotencyKeyHeader('k'.repeat(15), {})).toEqual(invalid);
    expect(parseIdempotencyKeyHeader('k'.repeat(16), {})).toEqual({ ok: true, key: 'k'.repeat(16) });
  });
});

describe('serializeIdempotencyKey(key)', () => {
  it('writes a UUID as an sf-string', () => {
    expect(serializeIdempotencyKey(UUID)).toBe(`"${UUID}"`);
  });

  it('escapes quotes and backslashes so the header parses back to the same key', () => {
    const key = 'order-"42"-\\-abcdef';
    expect(serializeIdempotencyKey(key)).toBe(String.raw`"order-\"42\"-\\-abcdef"`);
    expect(parseIdempotencyKeyHeader(serializeIdempotencyKey(key))).toEqual({ ok: true, key });
  });

  it.each([
    ['too short', 'k'.repeat(15)],
    ['too long', 'k'.repeat(256)],
    ['not visible ASCII', 'order 42 abcdefghijk'],
  ])('throws a RangeError for a key the server would reject (%s)', (_why, key) => {
    expect(() => serializeIdempotencyKey(key)).toThrow(RangeError);
  });
});
