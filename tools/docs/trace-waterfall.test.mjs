// `nx run @safe-checkout/docs:test`: docs/tracing.md's picture is the committed spans, drawn.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SPANS_FILE, SVG_FILE, TITLE } from './render-trace-svg.mjs';
import { traceWaterfallSvg, treeOrder } from './trace-waterfall.mjs';

describe('docs/tracing/retried-checkout.svg', () => {
  it('is the committed spans drawn (node tools/docs/render-trace-svg.mjs)', () => {
    assert.equal(readFileSync(SVG_FILE, 'utf8'), traceWaterfallSvg(JSON.parse(readFileSync(SPANS_FILE, 'utf8')), TITLE));
  });
});

describe('treeOrder(spans)', () => {
  it('puts each span after its parent, siblings by start, roots first', () => {
    const span = (spanId, parentSpanId, startMs) => ({ spanId, parentSpanId, startMs, endMs: startMs + 1, name: spanId, attributes: {} });
    const order = treeOrder([span('b', 'root', 5), span('root', 'missing', 0), span('a', 'root', 1), span('a1', 'a', 2)]);
    assert.deepEqual(
      order.map(({ span: s, depth }) => `${s.spanId}@${depth}`),
      ['root@0', 'a@1', 'a1@2', 'b@1'],
    );
  });
});
