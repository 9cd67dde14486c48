import { retryAfterMs } from './http-json';

describe('retryAfterMs(header, now)', () => {
  it('reads delay-seconds', () => {
    expect(retryAfterMs('3')).toBe(3000);
  });
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('Mon, 07 Dec 2026 12:00:00 GMT');
    expect(retryAfterMs('Mon, 07 Dec 2026 12:00:05 GMT', now)).toBe(5000);
  });
  it('waits 1 s when the header is absent or unreadable', () => {
    expect([retryAfterMs(null), retryAfterMs('soon')]).toEqual([1000, 1000]);
  });
});
