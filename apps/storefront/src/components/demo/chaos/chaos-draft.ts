import { MAX_LATENCY_MS, NETWORK_FAULTS, type ChaosChange, type ChaosStatus, type NetworkFault } from '@/lib/chaos';

/** What the person has edited in the chaos form and not applied yet. */
export interface ChaosDraft {
  ratePercent?: Partial<Record<NetworkFault, number>>;
  /** The hold time as typed, in seconds (text, so that a half-typed number survives). */
  latencySeconds?: string;
}

/** The rates the form shows: the edited ones over the proxy's. */
export function shownRates(status: ChaosStatus, draft: ChaosDraft): Record<NetworkFault, number> {
  return Object.fromEntries(NETWORK_FAULTS.map((fault) => [fault, draft.ratePercent?.[fault] ?? status.ratePercent[fault]])) as Record<NetworkFault, number>;
}

/** The hold time the form shows, in seconds. */
export function shownLatencySeconds(status: ChaosStatus, draft: ChaosDraft): string {
  return draft.latencySeconds ?? String(status.latencyMs / 1000);
}

/** The rates added up, in percent, to one decimal (the proxy allows at most 100). */
export function totalPercent(rates: Readonly<Record<NetworkFault, number>>): number {
  return Math.round(NETWORK_FAULTS.reduce((sum, fault) => sum + rates[fault], 0) * 10) / 10;
}

/**
 * Why the draft cannot be applied as it is, in words for the form; `null` when it can.
 * `attempt` names one request that may get a fault (default `order attempt`).
 */
export function draftProblem(status: ChaosStatus, draft: ChaosDraft, attempt = 'order attempt'): string | null {
  const total = totalPercent(shownRates(status, draft));
  // Each attempt gets at most one fault, so the chances share one 100 %.
  if (total > 100) return `The rates add up to ${total} %: each ${attempt} gets at most one fault, so together they can be at most 100 %.`;
  if (parseLatencyMs(shownLatencySeconds(status, draft)) === undefined) return `The hold time must be a number of seconds from 0 to ${MAX_LATENCY_MS / 1000}.`;
  return null;
}

/** The change that applies the draft: only what differs from the proxy's settings; `null` when nothing does. */
export function draftChange(status: ChaosStatus, draft: ChaosDraft): ChaosChange | null {
  const rates = shownRates(status, draft);
  const changed = NETWORK_FAULTS.filter((fault) => rates[fault] !== status.ratePercent[fault]);
  const latencyMs = parseLatencyMs(shownLatencySeconds(status, draft));
  const change: ChaosChange = {
    ...(changed.length ? { ratePercent: Object.fromEntries(changed.map((fault) => [fault, rates[fault]])) } : {}),
    ...(latencyMs !== undefined && latencyMs !== status.latencyMs ? { latencyMs } : {}),
  };
  return Object.keys(change).length ? change : null;
}

/** Every fault at 0 %. */
export const ALL_FAULTS_OFF: ChaosChange = { ratePercent: Object.fromEntries(NETWORK_FAULTS.map((fault) => [fault, 0])) };

function parseLatencyMs(seconds: string): number | undefined {
  if (seconds.trim() === '') return undefined;
  const ms = Math.round(Number(seconds) * 1000);
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_LATENCY_MS ? ms : undefined;
}
