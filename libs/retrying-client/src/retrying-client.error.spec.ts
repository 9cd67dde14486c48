import type { AttemptFailure } from './attempt-failure';
import { outcomeOf } from './retrying-client.error';

function failure(reason: string, status: number | undefined, retryable: boolean, ambiguous: boolean): AttemptFailure {
  return { attempt: 1, kind: status ? 'status' : 'network', reason, status, retryable, ambiguous, message: reason, durationMs: 1 };
}
const REJECTED = failure('http:422', 422, false, false);
const THROTTLED = failure('http:429', 429, true, false);
const UNAVAILABLE = failure('http:503', 503, true, true);
const RESET = failure('network:ECONNRESET', undefined, true, true);

describe('outcomeOf(failures)', () => {
  it('is definite when the server rejected the request itself (a 4xx such as 422)', () => {
    expect(outcomeOf([REJECTED])).toBe('definite');
    expect(outcomeOf([UNAVAILABLE, REJECTED])).toBe('definite');
  });

  it('is definite when no attempt could have been applied (only 429s)', () => {
    expect(outcomeOf([THROTTLED, THROTTLED])).toBe('definite');
  });

  it('is ambiguous after network failures or 5xx', () => {
    expect(outcomeOf([RESET])).toBe('ambiguous');
    expect(outcomeOf([UNAVAILABLE, UNAVAILABLE])).toBe('ambiguous');
  });

  it('stays ambiguous when a later attempt was merely throttled: the earlier one may have been applied', () => {
    expect(outcomeOf([RESET, THROTTLED])).toBe('ambiguous');
  });
});
