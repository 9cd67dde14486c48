import { BadRequestException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { IdempotencyProblemException } from '@safe-checkout/idempotency-nest';
import type { Request } from 'express';
import { StripeApiError } from './stripe-api.error';
import { toStripeError } from './to-stripe-error';

const KEY = '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d';
const request = { method: 'POST', path: '/v1/payment_intents', headers: { 'idempotency-key': KEY } } as unknown as Request;

describe('toStripeError(error, request)', () => {
  describe('for the idempotency layer’s problems', () => {
    it.each([
      [
        'idempotency-key-reused',
        400,
        'idempotency_error',
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${KEY}'`,
        undefined,
      ],
      ['idempotency-request-in-progress', 409, 'idempotency_error', `There is currently another in-progress request using this idempotent key`, undefined],
      ['idempotency-key-invalid', 400, 'invalid_request_error', 'Invalid Idempotency-Key: too long.', 'Idempotency-Key'],
      ['idempotency-key-missing', 400, 'invalid_request_error', 'Invalid Idempotency-Key', 'Idempotency-Key'],
      ['idempotency-store-unavailable', 503, 'api_error', 'cannot reach its idempotency key store', undefined],
    ] as const)('maps %s to %i %s, keeping its headers', (slug, status, type, message, param) => {
      const stripeError = toStripeError(new IdempotencyProblemException(slug, 'too long', { 'Retry-After': '1' }), request);

      expect(stripeError).toBeInstanceOf(StripeApiError);
      expect(stripeError!.status).toBe(status);
      expect(stripeError!.body).toEqual({ error: { type, message: expect.stringContaining(message), ...(param ? { param } : {}) } });
      expect(stripeError!.headers).toEqual({ 'Retry-After': '1' });
    });
  });

  it('passes a StripeApiError through', () => {
    const error = new StripeApiError(402, { type: 'card_error', message: 'Your card was declined.' });
    expect(toStripeError(error, request)).toBe(error);
  });

  it('maps other client errors to invalid_request_error with their status', () => {
    expect(toStripeError(new BadRequestException('bad path'), request)).toMatchObject({ status: 400, error: { type: 'invalid_request_error' } });
    expect(toStripeError(new UnauthorizedException(), request)).toMatchObject({ status: 401, error: { type: 'invalid_request_error' } });
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, expose: true, type: 'entity.too.large' });
    expect(toStripeError(tooLarge, request)).toMatchObject({ status: 413, error: { message: 'Invalid request: request entity too large' } });
  });

  it.each([
    ["the health check's 503", new ServiceUnavailableException()],
    ['a lost database connection', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['an unreachable database', Object.assign(new Error("Can't reach database server"), { code: 'P1001' })],
  ])('maps %s to 503 api_error with Retry-After, never 500', (_case, error) => {
    const stripeError = toStripeError(error, request);
    expect(stripeError).toMatchObject({ status: 503, error: { type: 'api_error' }, headers: { 'Retry-After': '2' } });
  });

  it('answers undefined for anything else: a bug, which the filter turns into a logged 500 api_error', () => {
    expect(toStripeError(new Error('boom'), request)).toBeUndefined();
    expect(toStripeError(Object.assign(new Error('internal'), { status: 500, expose: false }), request)).toBeUndefined();
  });
});
