// The tracing figure: POST /orders on the API with tracing off (the default) and on, exporting
// every span over OTLP/HTTP to a sink on loopback, in alternating rounds of the same run, so the
// ratio compares the two on the same machine state. docs/tracing.md "What it costs".
import { startOtlpSink } from '@safe-checkout/tracing/testing';
import { startApiProcess } from './api-process';
import type { Cleanup } from './bench-lifecycle';
import { CONNECTIONS, ROUND_SECONDS } from './bench-settings';
import type { Fixtures } from './fixtures';
import { FRESH_KEY, runLoad, type LoadResult } from './load';

// Short on purpose: one more figure, not another bench; three rounds each way show the spread.
const TRACING_ROUNDS = 3;

/** Where the figure's two APIs come from. */
export interface TracingCostSetup {
  databaseUrl: string;
  paymentProviderUrl: string;
  /** The API already running with tracing off. */
  untracedUrl: string;
  fixtures: Fixtures;
  cleanups: Cleanup[];
  log: (message: string) => void;
}

/** Requests per second of each round, off and on, and the median ratio on/off. */
export interface TracingCost {
  offRps: number[];
  onRps: number[];
  spansExported: number;
  ratio: number;
}

/** Starts a traced API beside the untraced one and runs fresh checkouts on both in turn. */
export async function measureTracingCost({ databaseUrl, paymentProviderUrl, untracedUrl, fixtures, cleanups, log }: TracingCostSetup): Promise<TracingCost> {
  const sink = await startOtlpSink();
  cleanups.push(() => sink.close());
  log('tracing: starting an API process that exports every span to an OTLP sink on loopback…');
  const traced = await startApiProcess(databaseUrl, paymentProviderUrl, { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint });
  cleanups.push(() => traced.stop());
  const load = (url: string): Promise<LoadResult> =>
    runLoad({
      url,
      path: '/orders',
      token: fixtures.alice.accessToken,
      body: fixtures.nextOrderBody,
      key: FRESH_KEY,
      durationSeconds: ROUND_SECONDS,
      connections: CONNECTIONS,
    });
  await load(traced.url);
  const offRps: number[] = [];
  const onRps: number[] = [];
  for (let round = 1; round <= TRACING_ROUNDS; round++) {
    log(`tracing: round ${round}/${TRACING_ROUNDS} (off, then on)`);
    offRps.push((await load(untracedUrl)).rps);
    onRps.push((await load(traced.url)).rps);
  }
  return { offRps, onRps, spansExported: sink.spans().length, ratio: median(onRps.map((on, i) => on / offRps[i])) };
}

/** The figure as the report's closing lines. */
export function formatTracingCost({ offRps, onRps, spansExported, ratio }: TracingCost): string {
  const rounds = (rps: number[]) => rps.map((value) => value.toFixed(0)).join(' / ');
  return [
    `Tracing (POST /orders, new key per request, ${TRACING_ROUNDS} rounds of ${ROUND_SECONDS} s each way):`,
    `  off (default)              ${rounds(offRps)} req/s`,
    `  on, OTLP export to loopback ${rounds(onRps)} req/s (${spansExported} spans received)`,
    `  on / off (median of rounds) ${ratio.toFixed(2)}`,
  ].join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
