import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import type { ChaosStatus, NetworkFault } from '@/lib/chaos';
import { totalPercent } from './chaos-draft';

interface FaultText {
  label: string;
  /** What the fault does and what the timeline will show, given the hold time of `latency`. */
  explain(latencyMs: number): string;
  /** The section of the How-this-works page about this scenario, and the link's own words. */
  learnMore: { anchor: string; text: string };
}

const ATTEMPT_TIMEOUT_MS = CHECKOUT_RETRY_POLICY.attemptTimeoutMs;

/** The panel's words for each fault, tied to the scenarios of the How-this-works page. */
export const FAULT_TEXT: Record<NetworkFault, FaultText> = {
  'request-lost': {
    label: 'Request lost',
    explain: () => 'The proxy drops the connection before forwarding the order: the shop never sees it. Dropped, then the retry places the order.',
    learnMore: { anchor: 'request-lost', text: 'The request is lost, explained' },
  },
  'server-failure': {
    label: 'Server failure',
    explain: () => 'The shop takes the stock, then fails inside its transaction: 500, all rolled back, the key released. The retry places the order once.',
    learnMore: { anchor: 'server-failed', text: 'The server fails, explained' },
  },
  'response-lost': {
    label: 'Response lost',
    explain: () =>
      'The shop places the order, then the proxy drops the connection instead of passing the answer on. Dropped, then the retry gets the stored order: Replayed.',
    learnMore: { anchor: 'response-lost', text: 'The response is lost, explained' },
  },
  latency: {
    label: 'Slow answer',
    explain: (latencyMs) =>
      latencyMs >= ATTEMPT_TIMEOUT_MS
        ? `The proxy holds the order for ${seconds(latencyMs)}, longer than the client waits for one attempt (${seconds(ATTEMPT_TIMEOUT_MS)}), then forwards it anyway. Timed out, then 409 in progress, a replay, or the retry places it first.`
        : `The proxy holds the order for ${seconds(latencyMs)} before forwarding it: within the client's ${seconds(ATTEMPT_TIMEOUT_MS)} per attempt, so the client just waits.`,
    learnMore: { anchor: 'slow-answer', text: 'A slow answer, explained' },
  },
};

// `11 s`, `2.5 s`: hold times are set in whole or half seconds, so no fixed decimals.
function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** `response lost 100 %, request lost 20 %`, or `no faults`: the rates that are on. */
export function describeRates(status: ChaosStatus): string {
  const on = (Object.keys(FAULT_TEXT) as NetworkFault[]).filter((fault) => status.ratePercent[fault] > 0);
  if (on.length === 0) return 'no faults: every request passes untouched';
  return on.map((fault) => `${FAULT_TEXT[fault].label.toLowerCase()} ${status.ratePercent[fault]} %`).join(', ');
}

/** The summary's badge: whether any fault is on, and for what share of order attempts. */
export function faultsBadge(status: ChaosStatus): { text: string; tone: 'ok' | 'warn' } {
  const total = totalPercent(status.ratePercent);
  return total === 0 ? { text: 'Faults off', tone: 'ok' } : { text: `Faults on: ${total} % of order attempts`, tone: 'warn' };
}
