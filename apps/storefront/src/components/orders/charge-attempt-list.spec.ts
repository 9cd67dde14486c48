import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ChargeAttempts } from '@/lib/api';
import { ChargeAttemptList } from './charge-attempt-list';

const KEY = 'safe-checkout-order-6f1c1a0e-9a55-4c63-a1f3-3d3b7b0c2f10';

// A checkout whose first request found every answer of the provider lost, and whose retry with the
// same key got the provider's replay: what GET /orders/:id shows after the chaos panel's
// "API → payment provider: Response lost".
const LOST_THEN_REPLAYED: ChargeAttempts = {
  idempotencyKey: KEY,
  runs: [
    {
      startedAt: '2026-11-30T12:00:00.000Z',
      result: 'unknown',
      stopReason: 'retries-exhausted',
      attempts: [
        { attempt: 1, verdict: 'ambiguous', reason: 'network:ECONNRESET', durationMs: 41, wait: { basis: 'backoff', delayMs: 131, capMs: 200 } },
        { attempt: 2, verdict: 'ambiguous', reason: 'network:ECONNRESET', durationMs: 12, wait: { basis: 'backoff', delayMs: 389, capMs: 400 } },
        {
          attempt: 3,
          verdict: 'ambiguous',
          status: 503,
          reason: 'http:503',
          durationMs: 9,
          wait: { basis: 'retry-after', delayMs: 2_180, capMs: 800, retryAfterMs: 2_000 },
        },
        { attempt: 4, verdict: 'ambiguous', reason: 'timeout', durationMs: 4_002 },
      ],
    },
    {
      startedAt: '2026-11-30T12:00:09.000Z',
      result: 'succeeded',
      attempts: [{ attempt: 1, verdict: 'succeeded', status: 200, replayed: true, durationMs: 23 }],
    },
  ],
};

function render(chargeAttempts: ChargeAttempts): { html: string; text: string } {
  const html = renderToStaticMarkup(createElement(ChargeAttemptList, { chargeAttempts }));
  return {
    html,
    text: html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, ' '),
  };
}

describe('<ChargeAttemptList chargeAttempts>', () => {
  it('when a run had no answer and the next was replayed, lists both runs under the derived key, each try with its outcome and the wait before the next', () => {
    const { html, text } = render(LOST_THEN_REPLAYED);

    expect(text).toContain("Our server's attempts at the payment provider");
    expect(html).toContain(`<code data-testid="charge-key">${KEY}</code>`);
    expect([...html.matchAll(/data-result="([^"]+)"/g)].map((m) => m[1])).toEqual(['unknown', 'succeeded']);
    expect([...html.matchAll(/data-outcome="([^"]+)" data-attempt="(\d)"/g)].map((m) => `${m[2]} ${m[1]}`)).toEqual([
      '1 dropped',
      '2 dropped',
      '3 server-error',
      '4 timed-out',
      '1 replayed',
    ]);
    expect(text).toContain('Charge request 1');
    expect(text).toContain('Outcome unknown');
    expect(text).toContain('The connection failed before any answer (ECONNRESET): the charge may or may not have reached the provider. (41 ms)');
    expect(text).toContain(
      'Waited 0.13 s before try 2: exponential backoff: a random wait between 0 and 0.20 s (full jitter; the cap doubles with each retry, this was retry 1).',
    );
    expect(text).toContain('Waited 2.18 s before try 4: the provider said Retry-After: 2.00 s, plus random jitter');
    expect(text).toContain("No retries left: the shop's client made every retry its policy allows.");
    expect(text).toContain('No answer in time');
    expect(text).toContain('Charge request 2');
    expect(text).toContain('Paid');
    expect(text).toContain("HTTP 200 with Idempotent-Replayed: the provider's stored answer of an earlier attempt with this key.");
    expect(text).toContain('Nothing was charged again.');
  });

  it('when the card was charged at the first attempt, shows one run with one try and no wait', () => {
    const { html, text } = render({
      idempotencyKey: KEY,
      runs: [{ startedAt: '2026-11-30T12:00:00.000Z', result: 'succeeded', attempts: [{ attempt: 1, verdict: 'succeeded', status: 200, durationMs: 38 }] }],
    });

    expect([...html.matchAll(/data-outcome="([^"]+)"/g)].map((m) => m[1])).toEqual(['charged']);
    expect(text).toContain('HTTP 200: the provider charged the card, a new PaymentIntent. (38 ms)');
    expect(text).not.toContain('Waited');
    expect(text).not.toContain('No retries left');
  });

  it('when the card was declined, says nothing was charged and does not speak of giving up', () => {
    const { text } = render({
      idempotencyKey: KEY,
      runs: [
        {
          startedAt: '2026-11-30T12:00:00.000Z',
          result: 'declined',
          stopReason: 'not-retryable',
          attempts: [{ attempt: 1, verdict: 'definite', status: 402, reason: 'http:402', durationMs: 30 }],
        },
      ],
    });

    expect(text).toContain('Declined: nothing charged');
    expect(text).toContain('HTTP 402: the card was declined. A final answer: nothing was charged.');
    expect(text).not.toContain('The order waited');
  });

  it('when no charge was sent yet, says so under the key', () => {
    const { html, text } = render({ idempotencyKey: KEY, runs: [] });

    expect(html).toContain(KEY);
    expect(text).toContain('No charge has been sent yet.');
  });
});
