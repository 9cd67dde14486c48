// The tracing figure: POST /orders on the API with tracing off (the default) and on, exporting
// every span over OTLP/HTTP to a sink on loopback, in alternating rounds of the same run, so the
// ratio compares the two on the same machine state; and what tracing off leaves on the path (the
// no-op spans of a checkout) against the CPU a checkout costs the API. docs/tracing.md "What it costs".
import { trace } from '@opentelemetry/api';
import { SPAN_ATTRIBUTES, TRACER_NAME } from '@safe-checkout/tracing';
import { startOtlpSink } from '@safe-checkout/tracing/testing';
import { startApiProcess } from './api-process';
import { cpuMs } from './capacity/process-cpu';
import type { Cleanup } from './bench-lifecycle';
import { CONNECTIONS, ROUND_SECONDS } from './bench-settings';
import type { Fixtures } from './fixtures';
import { FRESH_KEY, runLoad, type LoadResult } from './load';

// Short on purpose: one more figure, not another bench; three rounds each way show the spread.
const TRACING_ROUNDS = 3;
/** More spans than a checkout starts in the API (request, phases, charge, attempts): the off figure is a bound. */
const SPANS_PER_CHECKOUT_BOUND = 32;
const NO_OP_SPANS_SAMPLED = 200_000;

/** Where the figure's two APIs come from. */
export interface TracingCostSetup {
  databaseUrl: string;
  paymentProviderUrl: string;
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
  /** CPU of the untraced API per checkout in the off rounds, in µs. */
  checkoutCpuMicros: number;
  /** CPU of {@link SPANS_PER_CHECKOUT_BOUND} no-op spans (tracing off), in µs. */
  noOpSpansMicros: number;
}

/** Starts an untraced and a traced API side by side and runs fresh checkouts on both in turn. */
export async function measureTracingCost({ databaseUrl, paymentProviderUrl, fixtures, cleanups, log }: TracingCostSetup): Promise<TracingCost> {
  const sink = await startOtlpSink();
  cleanups.push(() => sink.close());
  log('tracing: starting an API process with tracing off, and one that exports every span to an OTLP sink on loopback…');
  const untraced = await startApiProcess(databaseUrl, paymentProviderUrl);
  cleanups.push(() => untraced.stop());
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
  await load(untraced.url);
  await load(traced.url);
  const offRps: number[] = [];
  const onRps: number[] = [];
  const off = { cpuMs: 0, requests: 0 };
  for (let round = 1; round <= TRACING_ROUNDS; round++) {
    log(`tracing: round ${round}/${TRACING_ROUNDS} (off, then on)`);
    const before = cpuMs(untraced.pid);
    const offRound = await load(untraced.url);
    off.cpuMs += cpuMs(untraced.pid) - before;
    off.requests += offRound.requests;
    offRps.push(offRound.rps);
    onRps.push((await load(traced.url)).rps);
  }
  return {
    offRps,
    onRps,
    spansExported: sink.spans().length,
    ratio: median(onRps.map((on, i) => on / offRps[i])),
    checkoutCpuMicros: (1000 * off.cpuMs) / off.requests,
    noOpSpansMicros: noOpSpansMicros(),
  };
}

/**
 * CPU, in µs, of {@link SPANS_PER_CHECKOUT_BOUND} spans started, given an attribute and ended with
 * no tracer provider registered (this process registers none): what tracing off costs a checkout.
 */
function noOpSpansMicros(): number {
  const tracer = trace.getTracer(TRACER_NAME);
  const spans = (count: number) => {
    for (let i = 0; i < count; i++)
      tracer.startActiveSpan('checkout phase', (span) => {
        span.setAttribute(SPAN_ATTRIBUTES.outcome, 'executed');
        span.end();
      });
  };
  spans(NO_OP_SPANS_SAMPLED / 10);
  const before = process.cpuUsage();
  spans(NO_OP_SPANS_SAMPLED);
  const used = process.cpuUsage(before);
  return ((used.user + used.system) / NO_OP_SPANS_SAMPLED) * SPANS_PER_CHECKOUT_BOUND;
}

/** The figure as the report's closing lines. */
export function formatTracingCost({ offRps, onRps, spansExported, ratio, checkoutCpuMicros, noOpSpansMicros }: TracingCost): string {
  const rounds = (rps: number[]) => rps.map((value) => value.toFixed(0)).join(' / ');
  return [
    `Tracing (POST /orders, new key per request, ${TRACING_ROUNDS} rounds of ${ROUND_SECONDS} s each way):`,
    `  off (default)              ${rounds(offRps)} req/s`,
    `  on, OTLP export to loopback ${rounds(onRps)} req/s (${spansExported} spans received)`,
    `  on / off (median of rounds) ${ratio.toFixed(2)}`,
    `  off, ${SPANS_PER_CHECKOUT_BOUND} no-op spans     ${noOpSpansMicros.toFixed(1)} µs of CPU against ${(checkoutCpuMicros / 1000).toFixed(2)} ms of the API's per checkout: ${((100 * noOpSpansMicros) / checkoutCpuMicros).toFixed(3)} %`,
  ].join('\n');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
