import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { JitterComparison } from './jitter-comparison';
import { JITTER_FIGURES, fullVersusProportional } from './jitter-figures';

const BENCH_FIGURES = path.resolve(__dirname, '../../../../../../docs/retry-jitter-figures.json');

describe('JITTER_FIGURES', () => {
  it('are the figures npm run bench:backoff last wrote (docs/retry-jitter-figures.json)', () => {
    expect(JITTER_FIGURES).toEqual(JSON.parse(readFileSync(BENCH_FIGURES, 'utf8')));
  });

  it("bear out the page's argument: ±25 % breaks the herd, full jitter spreads it wider, returns sooner and finishes contention sooner", () => {
    const { failureHerd, contentionAt100Clients, outageLoad } = JITTER_FIGURES;
    expect(failureHerd.proportional.peakToMean).toBeLessThan(failureHerd.none.peakToMean / 10);
    expect(failureHerd.full.peakToMean).toBeLessThan(failureHerd.proportional.peakToMean);
    expect(failureHerd.full.meanWaitMs).toBeLessThan(failureHerd.proportional.meanWaitMs);
    expect(contentionAt100Clients.completionMs.full).toBeLessThan(contentionAt100Clients.completionMs.proportional);
    expect(outageLoad.full).toBe(outageLoad.proportional);
  });
});

describe('fullVersusProportional(figures)', () => {
  it('formats the figures the argument quotes', () => {
    const shown = fullVersusProportional(JITTER_FIGURES);
    expect(shown.peak).toEqual({ none: '308.4', proportional: '11.3', full: '7.0' });
    expect(shown.meanReturn).toEqual({ full: '1.02 s', proportional: '2.02 s' });
    expect(shown.contention).toEqual({ full: '4.89 s with 795 calls', proportional: '8.42 s with 815 calls' });
  });
});

describe('<JitterComparison>', () => {
  it('shows a row per jitter strategy, the default marked, and the reason with the numbers', () => {
    const html = renderToStaticMarkup(createElement(JitterComparison));
    expect([...html.matchAll(/data-jitter="([^"]+)"/g)].map((m) => m[1])).toEqual(['none', 'proportional', 'equal', 'full', 'decorrelated']);
    expect(html).toContain('full (this shop): 0–2 s');
    expect(html.replace(/<[^>]+>/g, '')).toContain('drops from 308.4 times the mean to 11.3');
  });
});
