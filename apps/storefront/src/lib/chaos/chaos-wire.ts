import { NETWORK_FAULTS, type ChaosChange, type ChaosStatus, type NetworkFault } from './types';

// The chaos proxy's admin endpoint (`GET`/`PUT /__chaos`), exactly as apps/chaos-proxy answers
// and accepts it. Nothing outside this folder sees these shapes: the mappers below turn them
// into the app's own types (rates in percent, counts by fault).

/** Longest hold the proxy accepts for the latency fault (its `MAX_LATENCY_MS`), in milliseconds. */
export const MAX_LATENCY_MS = 120_000;

/** `GET /__chaos`, and the answer of a successful `PUT`. Rates are probabilities in [0, 1]. */
export interface ChaosSnapshotDto {
  rates: Record<NetworkFault, number>;
  latencyMs: number;
  routes: string[];
  seed: number;
  counts: Record<'requests' | 'eligible' | NetworkFault | 'upstream-errors', number>;
}

/** The body of `PUT /__chaos`: every field optional; rates not named keep their value. */
export interface ChaosPatchDto {
  rates?: Partial<Record<NetworkFault, number>>;
  latencyMs?: number;
  resetCounts?: boolean;
}

/**
 * The app's view of a snapshot. Throws a `TypeError` when `body` is not one, e.g. when the
 * configured admin URL points at something other than the chaos proxy.
 */
export function toChaosStatus(body: unknown): ChaosStatus {
  const dto = body as Partial<ChaosSnapshotDto> | null;
  const rates = dto?.rates;
  const counts = dto?.counts;
  if (!rates || !counts || !isCount(dto.latencyMs) || !Array.isArray(dto.routes)) throw new TypeError('not a chaos proxy snapshot');
  const byFault = (read: (fault: NetworkFault) => unknown, check: (value: unknown) => value is number) =>
    Object.fromEntries(
      NETWORK_FAULTS.map((fault) => {
        const value = read(fault);
        if (!check(value)) throw new TypeError(`not a chaos proxy snapshot: ${fault} is ${JSON.stringify(value)}`);
        return [fault, value];
      }),
    ) as Record<NetworkFault, number>;
  const rateOf = byFault((fault) => rates[fault], isRate);
  return {
    ratePercent: Object.fromEntries(NETWORK_FAULTS.map((fault) => [fault, toPercent(rateOf[fault])])) as Record<NetworkFault, number>,
    latencyMs: dto.latencyMs,
    routes: dto.routes.filter((route): route is string => typeof route === 'string'),
    injected: byFault((fault) => counts[fault], isCount),
    requests: countOrZero(counts.requests),
    eligible: countOrZero(counts.eligible),
    upstreamErrors: countOrZero(counts['upstream-errors']),
  };
}

/** The `PUT` body for `change`: percent back to probabilities, the hold time in whole milliseconds. */
export function toChaosPatchDto(change: ChaosChange): ChaosPatchDto {
  const patch: ChaosPatchDto = {};
  const rates = Object.entries(change.ratePercent ?? {}).filter((entry): entry is [NetworkFault, number] => entry[1] !== undefined);
  if (rates.length) patch.rates = Object.fromEntries(rates.map(([fault, percent]) => [fault, toRate(percent)]));
  if (change.latencyMs !== undefined) patch.latencyMs = Math.round(change.latencyMs);
  if (change.resetCounts) patch.resetCounts = true;
  return patch;
}

// One decimal of a percent (0.1 %) is as fine as the panel goes; rounding both ways keeps
// 0.333 → 33.3 % → 0.333 exact instead of drifting by floating-point residue.
function toPercent(rate: number): number {
  return Math.round(rate * 1000) / 10;
}

function toRate(percent: number): number {
  return Math.round(Math.min(100, Math.max(0, percent)) * 10) / 1000;
}

function isRate(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function countOrZero(value: unknown): number {
  return isCount(value) ? value : 0;
}
