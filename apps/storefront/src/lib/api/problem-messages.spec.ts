import { customerMessage } from './problem-messages';

describe('customerMessage(slug, problem, retryAfterSeconds)', () => {
  describe("('too-many-requests', …) (429, sign-in and checkout)", () => {
    it('when the answer said Retry-After, tells how many seconds to wait', () => {
      expect(customerMessage('too-many-requests', { title: 'Too Many Requests', detail: 'slow down' }, 30)).toEqual({
        title: 'Too many attempts',
        advice: 'Too many attempts; try again in 30 s.',
      });
    });

    it('when it did not, says to try again in a moment', () => {
      expect(customerMessage('too-many-requests').advice).toBe('Too many attempts; try again in a moment.');
    });
  });

  it.each([['order-total-out-of-range'], ['payment-request-invalid']])(
    "('%s') words the order's refusal in the shop's own words, saying nothing was charged",
    (slug) => {
      const message = customerMessage(slug, { title: 'API title', detail: 'API detail' });
      expect(message.title).not.toBe('API title');
      expect(message.advice).toMatch(/[Nn]othing was (ordered or )?charged/);
    },
  );

  it('when the slug is unknown, falls back to the API’s own title and detail', () => {
    expect(customerMessage('something-new', { title: 'API title', detail: 'API detail' })).toEqual({ title: 'API title', advice: 'API detail' });
  });
});
