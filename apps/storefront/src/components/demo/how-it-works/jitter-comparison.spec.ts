import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { JITTER, JitterComparison, OUTAGE_LOAD } from './jitter-comparison';

const BENCH_FIGURES = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../../../docs/retry-jitter-figures.json'), 'utf8'));

describe('JITTER and OUTAGE_LOAD', () => {
  it('are the figures npm run bench:backoff last wrote (docs/retry-jitter-figures.json)', () => {
    expect(Object.keys(JITTER).sort()).toEqual(Object.keys(BENCH_FIGURES.failureHerd).sort());
    for (const [jitter, { peakToMean, meanWaitMs, completionMs, calls }] of Object.entries(JITTER)) {
      expect({ peakToMean, meanWaitMs }).toEqual(BENCH_FIGURES.failureHerd[jitter]);
      expect({ completionMs, calls }).toEqual({
        completionMs: BENCH_FIGURES.contentionAt100Clients.completionMs[jitter],
        calls: BENCH_FIGURES.contentionAt100Clients.calls[jitter],
      });
    }
    expect(OUTAGE_LOAD).toEqual(BENCH_FIGURES.outageLoad);
  });

  it("bear out the page's argument: ±25 % breaks the herd, full jitter spreads it wider, returns sooner and finishes contention sooner", () => {
    const { none, proportional, full } = JITTER;
    expect(proportional.peakToMean).toBeLessThan(none.peakToMean / 10);
    expect(full.peakToMean).toBeLessThan(proportional.peakToMean);
    expect(full.meanWaitMs).toBeLessThan(proportional.meanWaitMs);
    expect(full.completionMs).toBeLessThan(proportional.completionMs);
    expect(OUTAGE_LOAD.full).toBe(OUTAGE_LOAD.proportional);
  });
});

describe('<JitterComparison>', () => {
  const html = renderToStaticMarkup(createElement(JitterComparison));
  const text = html.replace(/<[^>]+>/g, '');

  it('shows a row per jitter strategy, the default marked', () => {
    expect([...html.matchAll(/data-jitter="([^"]+)"/g)].map((m) => m[1])).toEqual(['none', 'proportional', 'equal', 'full', 'decorrelated']);
    expect(html).toContain('full (this shop): 0–2 s');
  });

  it('gives the reason with the measured figures', () => {
    expect(text).toContain('drops from 308.4 times the mean to 11.3');
    expect(text).toContain('lower still (7.0) and its clients are back sooner (1.02 s on average, against 2.02 s)');
    expect(text).toContain('full jitter is done in 4.89 s with 795 calls, ±25 % in 8.42 s with 815 calls');
  });
});
