import { newStripeId, STRIPE_ID_RANDOM_LENGTH } from './stripe-id';

describe('newStripeId(prefix)', () => {
  it('is the prefix, an underscore and 24 base62 characters', () => {
    expect(STRIPE_ID_RANDOM_LENGTH).toBe(24);
    expect(newStripeId('pi')).toMatch(/^pi_[0-9A-Za-z]{24}$/);
    expect(newStripeId('pm')).toMatch(/^pm_[0-9A-Za-z]{24}$/);
  });

  it('does not repeat itself, and uses the whole alphabet', () => {
    const ids = Array.from({ length: 2000 }, () => newStripeId('pi'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.join('').replace(/pi_/g, '')).size).toBe(62);
  });
});
