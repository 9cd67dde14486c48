import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { TimelineAttempt } from '@/lib/checkout/checkout-record';
import { describeWait, explainerAnchor, outcomeLabel } from './timeline-text';

const attempt = (fields: Partial<TimelineAttempt>): TimelineAttempt => ({ request: 1, attempt: 1, sentAt: 0, outcome: 'created', ...fields });

/** Every `id` the "How this works" page renders, read from its sources (literal ids and the scenarios' `id:` fields). */
function howItWorksIds(): Set<string> {
  const folder = path.join(__dirname, '..', 'demo', 'how-it-works');
  const ids = new Set<string>();
  for (const file of readdirSync(folder).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.spec.ts'))) {
    const source = readFileSync(path.join(folder, file), 'utf8');
    for (const match of source.matchAll(/\bid(?:=|: )["']([a-z-]+)["']/g)) ids.add(match[1]);
  }
  return ids;
}

describe('the retry timeline explains itself with the server outcome', () => {
  it('labels the only try replayed as a copy the browser re-sent, and links to that explanation', () => {
    const resent = attempt({ outcome: 'replayed', status: 201, replayed: true });
    expect(outcomeLabel(resent)).toBe('Replayed: the browser re-sent it');
    expect(explainerAnchor([resent])).toBe('browser-resend');
  });

  it('keeps the plain replayed label for a retry that was replayed', () => {
    const retry = attempt({ attempt: 2, outcome: 'replayed', status: 201, replayed: true });
    expect(outcomeLabel(retry)).toBe('Replayed');
    expect(explainerAnchor([attempt({ outcome: 'timed-out' }), retry])).toBe('response-lost');
  });

  it('links a checkout the server resumed to the explanation of resuming', () => {
    const cutOffFirst = attempt({ outcome: 'server-error', status: 500, slug: 'internal-error' });
    expect(explainerAnchor([cutOffFirst, attempt({ attempt: 2, outcome: 'resumed', status: 201 })])).toBe('resumed');
  });

  it('links to the payment explanation when the provider did not answer, even once resumed', () => {
    const unknown = attempt({ outcome: 'server-error', status: 503, slug: 'payment-provider-unavailable' });
    expect(explainerAnchor([unknown, attempt({ attempt: 2, outcome: 'resumed', status: 201 })])).toBe('payment-unknown');
  });

  it('only links to anchors the How this works page has', () => {
    const ids = howItWorksIds();
    const histories: TimelineAttempt[][] = [
      [attempt({ outcome: 'cut-off' })],
      [attempt({ outcome: 'replayed', replayed: true })],
      [attempt({ outcome: 'server-error', slug: 'payment-provider-unavailable' })],
      [attempt({ outcome: 'rejected', status: 402, slug: 'payment-declined' })],
      [attempt({ outcome: 'in-progress', status: 409 })],
      [attempt({ outcome: 'dropped' }), attempt({ attempt: 2, outcome: 'replayed', replayed: true })],
      [attempt({ outcome: 'server-error', status: 500, slug: 'internal-error' }), attempt({ attempt: 2, outcome: 'resumed' })],
      [attempt({ outcome: 'server-error', status: 502 })],
      [attempt({ outcome: 'dropped' })],
      [attempt({ outcome: 'rejected', status: 409 })],
      [attempt({ outcome: 'created', status: 201 })],
    ];
    for (const attempts of histories) expect(ids).toContain(explainerAnchor(attempts));
  });
});

describe('describeWait(wait, retry, who, maxDelayMs?)', () => {
  it("when the shop asked for longer than the client's longest wait, says it was capped and how much jitter came on top", () => {
    const wait = { basis: 'retry-after' as const, delayMs: 8_250, capMs: 1_000, retryAfterMs: 30_000 };
    expect(describeWait(wait, 1, 'shop', 8_000)).toBe(
      "the shop said Retry-After: 30 s (capped at 8.00 s, the client's longest wait), plus 0.25 s of random jitter so that clients do not all return at once",
    );
  });

  it('when the backoff drew longer than the Retry-After asked for, says so', () => {
    const wait = { basis: 'backoff' as const, delayMs: 1_500, capMs: 2_000, retryAfterMs: 1_000 };
    expect(describeWait(wait, 2, 'provider')).toBe(
      'exponential backoff: a random wait between 0 and 2.00 s (full jitter; the cap doubles with each retry, this was retry 2), longer than the 1.00 s the provider asked for in Retry-After',
    );
  });
});
