import { HttpException } from '@nestjs/common';
import { IDEMPOTENCY_PROBLEMS, IdempotencyProblemSlug } from '@safe-checkout/idempotency';
import { IdempotencyProblemException } from './idempotency-problem.exception';

describe('IdempotencyProblemException', () => {
  describe('new IdempotencyProblemException(slug, detail)', () => {
    it.each(Object.keys(IDEMPOTENCY_PROBLEMS) as IdempotencyProblemSlug[])(
      'for %s, is an HttpException with the slug’s status and an RFC 9457 problem as its response',
      (slug) => {
        const exception = new IdempotencyProblemException(slug, 'what happened this time');
        const { status, title } = IDEMPOTENCY_PROBLEMS[slug];

        expect(exception).toBeInstanceOf(HttpException);
        expect(exception.slug).toBe(slug);
        expect(exception.getStatus()).toBe(status);
        expect(exception.getResponse()).toEqual({ type: `/problems/${slug}`, title, status, detail: 'what happened this time' });
        expect(exception.headers).toEqual({});
      },
    );
  });

  describe('new IdempotencyProblemException(slug, detail, headers)', () => {
    it('carries the headers to send with the problem', () => {
      const exception = new IdempotencyProblemException('idempotency-request-in-progress', 'still running', { 'Retry-After': '30' });

      expect(exception.headers).toEqual({ 'Retry-After': '30' });
    });
  });
});
