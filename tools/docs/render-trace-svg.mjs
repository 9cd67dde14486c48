#!/usr/bin/env node
// Draws docs/tracing.md's picture from the spans the trace test exported:
//   TRACE_SNAPSHOT_FILE=$PWD/docs/tracing/retried-checkout.spans.json npx jest src/tracing (in apps/api)
//   node tools/docs/render-trace-svg.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { traceWaterfallSvg } from './trace-waterfall.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SPANS_FILE = path.join(ROOT, 'docs/tracing/retried-checkout.spans.json');
export const SVG_FILE = path.join(ROOT, 'docs/tracing/retried-checkout.svg');
export const TITLE = 'One checkout, one trace: the first answer lost, the retry replayed, one charge';

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SVG_FILE, traceWaterfallSvg(JSON.parse(readFileSync(SPANS_FILE, 'utf8')), TITLE));
  console.log(`wrote ${path.relative(ROOT, SVG_FILE)}`);
}
