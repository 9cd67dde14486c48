import { StripeApiError } from '../../stripe-errors/stripe-api.error';
import { parseOrderIdQuery, parseSearchParams } from './search.params';

describe('parseOrderIdQuery(query)', () => {
  it.each([
    ["metadata['order_id']:'6735'", '6735'],
    ['metadata["order_id"]:"6735"', '6735'],
    ["metadata['order_id']:\"a'b\"", "a'b"],
    ["metadata['order_id']:'a\\'b\\\\c'", "a'b\\c"],
    ["  metadata['order_id']:'3f1c2a'  ", '3f1c2a'],
    ["metadata['order_id']:''", ''],
  ])('reads %s as order id %j', (query, orderId) => {
    expect(parseOrderIdQuery(query)).toBe(orderId);
  });

  it.each([
    ["metadata['user_id']:'1'"],
    ["metadata['order_id']:'1' AND status:'succeeded'"],
    ["metadata['order_id']~'1'"],
    ["metadata['order_id']:1"],
    ["metadata['order_id']:'1\""],
    ["metadata[\"order_id']:'1'"],
    ["status:'succeeded'"],
    ["metadata['order_id']:'a\\'"],
    ["-metadata['order_id']:'1'"],
  ])('answers 400 invalid_request_error, param query, for %s', (query) => {
    try {
      parseOrderIdQuery(query);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(StripeApiError);
      expect((error as StripeApiError).status).toBe(400);
      expect((error as StripeApiError).error).toMatchObject({ type: 'invalid_request_error', param: 'query' });
    }
  });
});

describe('parseSearchParams(query)', () => {
  it('defaults limit to 10 and passes page on', () => {
    expect(parseSearchParams({ query: "metadata['order_id']:'o1'" })).toEqual({ orderId: 'o1', limit: 10, page: undefined });
    expect(parseSearchParams({ query: "metadata['order_id']:'o1'", limit: '100', page: 'pi_x' })).toEqual({ orderId: 'o1', limit: 100, page: 'pi_x' });
  });

  it.each([
    [{}, /Missing required param: query/],
    [{ query: "metadata['order_id']:'o1'", limit: '0' }, /greater than or equal to 1/],
    [{ query: "metadata['order_id']:'o1'", limit: '101' }, /less than or equal to 100/],
    [{ query: "metadata['order_id']:'o1'", expand: 'total_count' }, /Received unknown parameter: expand/],
  ])('rejects %j', (query, message) => {
    expect(() => parseSearchParams(query)).toThrow(message);
  });
});
