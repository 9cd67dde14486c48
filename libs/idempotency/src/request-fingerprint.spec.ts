import { createHash } from 'node:crypto';
import { fingerprintRequest, type FingerprintedRequest } from './request-fingerprint';

const items = [{ productId: 'p1', quantity: 2 }];
const note = { gift: true, text: 'hi' };
const order: FingerprintedRequest = { method: 'POST', route: '/orders', query: undefined, body: { items, note } };

describe('fingerprintRequest(req)', () => {
  it('is the SHA-256 hex of the RFC 8785 canonical JSON of method, route, query and body', () => {
    const canonical = '{"body":{"a":1,"b":[2,1]},"method":"POST","query":{},"route":"/orders"}';
    const expected = createHash('sha256').update(canonical).digest('hex');
    const request = { method: 'POST', route: '/orders', query: undefined, body: { b: [2, 1], a: 1 } };
    expect(fingerprintRequest(request)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  describe('what does not change it', () => {
    it('ignores key order in the body, at any depth', () => {
      const body = { note: { text: 'hi', gift: true }, items: [{ quantity: 2, productId: 'p1' }] };
      const reordered = { ...order, body };
      expect(fingerprintRequest(reordered)).toBe(fingerprintRequest(order));
    });

    it('ignores whitespace in the JSON the body was parsed from', () => {
      const compact = JSON.parse('{"items":[{"productId":"p1","quantity":2}]}');
      const spaced = JSON.parse('{\n  "items" : [ { "productId": "p1",\t"quantity": 2 } ]\n}');
      expect(fingerprintRequest({ ...order, body: spaced })).toBe(fingerprintRequest({ ...order, body: compact }));
    });

    it('ignores the case of the method', () => {
      expect(fingerprintRequest({ ...order, method: 'post' })).toBe(fingerprintRequest(order));
    });

    it('ignores the order of query parameters', () => {
      const ba = fingerprintRequest({ ...order, query: { b: '2', a: '1' } });
      expect(ba).toBe(fingerprintRequest({ ...order, query: { a: '1', b: '2' } }));
    });

    it('treats an absent, empty-string and empty-object query alike', () => {
      const absent = fingerprintRequest({ ...order, query: undefined });
      expect(fingerprintRequest({ ...order, query: '' })).toBe(absent);
      expect(fingerprintRequest({ ...order, query: '?' })).toBe(absent);
      expect(fingerprintRequest({ ...order, query: {} })).toBe(absent);
    });

    it('fingerprints a raw query string like the record Express parses from it', () => {
      const raw = fingerprintRequest({ ...order, query: '?b=2&a=1&a=3' });
      expect(raw).toBe(fingerprintRequest({ ...order, query: { a: ['1', '3'], b: '2' } }));
    });
  });

  describe('what changes it', () => {
    it.each<[string, Partial<FingerprintedRequest>]>([
      ['the method', { method: 'PUT' }],
      ['the route', { route: '/orders/1' }],
      ['a query value', { query: { dryRun: 'true' } }],
      ['a body value', { body: { items, note: { gift: false, text: 'hi' } } }],
      ['the order of an array in the body', { body: { items: [{ productId: 'p2', quantity: 1 }, ...items] } }],
      ['a number that becomes a string', { body: { items: [{ productId: 'p1', quantity: '2' }], note } }],
      ['a missing body property', { body: { items } }],
      ['a JSON null body', { body: null }],
      ['no body at all', { body: undefined }],
    ])('changes with %s', (_what, change) => {
      expect(fingerprintRequest({ ...order, ...change })).not.toBe(fingerprintRequest(order));
    });

    it('distinguishes a null body from no body', () => {
      expect(fingerprintRequest({ ...order, body: null })).not.toBe(fingerprintRequest({ ...order, body: undefined }));
    });

    it('keeps the order of repeated query values', () => {
      const oneThree = fingerprintRequest({ ...order, query: 'a=1&a=3' });
      expect(oneThree).not.toBe(fingerprintRequest({ ...order, query: 'a=3&a=1' }));
    });

    it('distinguishes the query from the body', () => {
      const inQuery = { ...order, query: { quantity: '2' }, body: {} };
      const inBody = { ...order, query: {}, body: { quantity: '2' } };
      expect(fingerprintRequest(inQuery)).not.toBe(fingerprintRequest(inBody));
    });
  });

  it('throws for a body that is not JSON (NaN)', () => {
    expect(() => fingerprintRequest({ ...order, body: { quantity: Number.NaN } })).toThrow();
  });
});
