import { exponentialCap, type RetryPolicy } from '@safe-checkout/retrying-client';
import { formatSeconds } from '@/lib/format';

/** One retry of the backoff exercise: the textbook cap next to the checkout's own. */
export interface BackoffRow {
  /** The retry, 1-based: retry n is attempt n + 1. */
  retry: number;
  /** Binary exponential backoff's cap in units of the base: 2^(n-1). */
  textbookUnits: number;
  /** The checkout's cap for this retry, in milliseconds: min(maxDelay, base·2^(n-1)). */
  capMs: number;
  /** Whether the checkout makes this retry at all (it makes `retries` of them). */
  made: boolean;
}

/**
 * The caps of retries 1 to `upTo` (default 4, the seed exercise's "4th retry"), computed by the
 * retrying client's own {@link exponentialCap} from `policy`, so the page shows what the code does.
 *
 * @example
 * backoffRows({ retries: 3, baseDelayMs: 1000, maxDelayMs: 8000, jitter: 'full' })[3];
 * // { retry: 4, textbookUnits: 8, capMs: 8000, made: false }
 */
export function backoffRows(policy: RetryPolicy, upTo = 4): BackoffRow[] {
  return Array.from({ length: upTo }, (_, i) => {
    const retry = i + 1;
    return {
      retry,
      textbookUnits: exponentialCap(retry, { baseDelayMs: 1, maxDelayMs: Infinity }),
      capMs: exponentialCap(retry, policy),
      made: retry <= policy.retries,
    };
  });
}

/** The longest the checkout can spend waiting between attempts in all: the sum of the caps of the retries it makes, in milliseconds. */
export function longestTotalWaitMs(policy: RetryPolicy): number {
  return backoffRows(policy, policy.retries).reduce((sum, row) => sum + row.capMs, 0);
}

/**
 * The heading of the checkout's column: its base and how many retries it makes. Not `maxDelayMs`:
 * that caps a single wait (and `Retry-After`), and the checkout gives up before any cap reaches it.
 *
 * @example
 * checkoutColumnHeading({ retries: 3, baseDelayMs: 1000, maxDelayMs: 8000, jitter: 'full' }); // 'This checkout: base 1.00 s, 3 retries'
 */
export function checkoutColumnHeading(policy: RetryPolicy): string {
  return `This checkout: base ${formatSeconds(policy.baseDelayMs)}, ${policy.retries} ${policy.retries === 1 ? 'retry' : 'retries'}`;
}
