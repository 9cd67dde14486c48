import type { RetryPolicy } from '@safe-checkout/retrying-client';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import { BackoffTable } from './backoff-exercise';

/** The table's heading of the checkout's column, and each row's cells, as text. */
function tableOf(policy: RetryPolicy): { heading: string; rows: string[][] } {
  const html = renderToStaticMarkup(createElement(BackoffTable, { policy }));
  const cells = (row: string) => [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) => m[1].replace(/<!-- -->/g, ''));
  const [head, ...rows] = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => cells(m[1]));
  return { heading: head[2], rows };
}

describe('<BackoffTable policy>', () => {
  it("with the checkout's own policy, gives the textbook caps 1, 2, 4, 8 units beside its caps of 1, 2 and 4 s, and no 4th retry", () => {
    expect(tableOf(CHECKOUT_RETRY_POLICY).rows).toEqual([
      ['1', '1 unit', 'a random wait between 0 and 1.00 s'],
      ['2', '2 units', 'a random wait between 0 and 2.00 s'],
      ['3', '4 units', 'a random wait between 0 and 4.00 s'],
      ['4', '8 units', `none: it makes ${CHECKOUT_RETRY_POLICY.retries} retries, then gives up`],
    ]);
  });

  it('when the policy caps the longest wait, never shows a wait above it', () => {
    const { rows } = tableOf({ retries: 5, baseDelayMs: 1_000, maxDelayMs: 3_000, jitter: 'full' });
    expect(rows.map((row) => row[2])).toEqual(['1.00 s', '2.00 s', '3.00 s', '3.00 s'].map((cap) => `a random wait between 0 and ${cap}`));
  });

  it('when the policy makes fewer retries than shown, says the others are not made', () => {
    const { rows } = tableOf({ retries: 2, baseDelayMs: 1_000, maxDelayMs: 8_000, jitter: 'full' });
    expect(rows.map((row) => row[2].startsWith('none: it makes 2 retries'))).toEqual([false, false, true, true]);
  });

  it("names the checkout's base and its number of retries in its column's heading, not maxDelayMs, which no retry it makes reaches", () => {
    expect(tableOf(CHECKOUT_RETRY_POLICY).heading).toBe(`This checkout: base 1.00 s, ${CHECKOUT_RETRY_POLICY.retries} retries`);
    expect(tableOf({ retries: 1, baseDelayMs: 500, maxDelayMs: 12_345, jitter: 'full' }).heading).toBe('This checkout: base 0.50 s, 1 retry');
  });
});
