import { StripeApiError } from '../../stripe-errors/stripe-api.error';
import { isStorableText, requireStorableParams } from './storable-text';

describe('isStorableText(value)', () => {
  it.each([['plain text'], ['accents and emoji: é 😀'], [''], ['\u0001 and other controls PostgreSQL stores']])('accepts %j', (value) => {
    expect(isStorableText(value)).toBe(true);
  });

  it.each([
    ['U+0000', 'a\u0000b'],
    ['a lone high surrogate', 'a\uD800b'],
    ['a lone low surrogate', '\uDC00'],
    ['a reversed pair', '\uDE00\uD83D'],
  ])('refuses %s', (_what, value) => {
    expect(isStorableText(value)).toBe(false);
  });
});

describe('requireStorableParams(params)', () => {
  const paramOfError = (params: unknown): string | undefined => {
    try {
      requireStorableParams(params);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(StripeApiError);
      expect((error as StripeApiError).status).toBe(400);
      expect((error as StripeApiError).error.type).toBe('invalid_request_error');
      return (error as StripeApiError).error.param;
    }
  };

  it('accepts storable parameters, nested and repeated', () => {
    expect(paramOfError({ amount: '100', metadata: { order_id: 'o-1' }, expand: ['a', 'b'] })).toBeUndefined();
  });

  it.each([
    [{ amount: '1\u00000' }, 'amount'],
    [{ metadata: { order_id: 'o\u0000' } }, 'metadata[order_id]'],
    [{ metadata: { 'order\u0000id': 'o' } }, 'metadata'],
    [{ expand: ['a', 'b\uD800'] }, 'expand[1]'],
    [{ 'a\u0000': '1' }, 'a\\u0000'],
  ])('names the first unstorable parameter of %j as %s', (params, param) => {
    expect(paramOfError(params)).toBe(param);
  });
});
