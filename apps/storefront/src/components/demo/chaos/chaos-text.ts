import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import type { ChaosStatus, NetworkFault } from '@/lib/chaos';
import { totalPercent } from './chaos-draft';
import { isSlowShop, SLOW_SHOP_HOLD_MS } from './slow-shop';

/**
 * A network hop of a checkout with a chaos proxy on it: `browser-api` (the browser's calls to the
 * shop's API, `POST /orders`) and `api-provider` (the API's charges at the payment sandbox,
 * `POST /v1/payment_intents`).
 */
export type ChaosHop = 'browser-api' | 'api-provider';

interface FaultText {
  label: string;
  /** What the fault does and what the customer will see, given the hold time of `latency`. */
  explain(latencyMs: number): string;
}

/** The panel's words for one hop: its group's heading, what one eligible request is, and each fault. */
export interface HopText {
  title: string;
  /** One request that may get a fault, e.g. `order attempt`. */
  attempt: string;
  /** The label of the latency fault's hold time. */
  holdLabel: string;
  /** The summary badge's words before the share of faulty attempts, and when none is. */
  badge: { on: string; off: string };
  faults: Record<NetworkFault, FaultText>;
}

const ATTEMPT_TIMEOUT_MS = CHECKOUT_RETRY_POLICY.attemptTimeoutMs;
// The API's own charge policy (docs/payments.md, "The charge: the retrying client, server-side"):
// 4 s per attempt. The storefront cannot read it from the API, so it is stated here.
const SHOP_CHARGE_ATTEMPT_TIMEOUT_MS = 4_000;

/** The section of the How-this-works page about each fault's scenario (the same on both hops), and the link's own words. */
export const LEARN_MORE: Record<NetworkFault, { anchor: string; text: string }> = {
  'request-lost': { anchor: 'request-lost', text: 'The request is lost, explained' },
  'server-failure': { anchor: 'server-failed', text: 'The server fails, explained' },
  'response-lost': { anchor: 'response-lost', text: 'The response is lost, explained' },
  latency: { anchor: 'slow-answer', text: 'A slow answer, explained' },
};

/** The panel's words for each hop, tied to the scenarios of the How-this-works page. */
export const HOP_TEXT: Record<ChaosHop, HopText> = {
  'browser-api': {
    title: 'Browser → API',
    attempt: 'order attempt',
    holdLabel: 'Hold for (seconds)',
    badge: { on: 'Faults on', off: 'Faults off' },
    faults: {
      'request-lost': {
        label: 'Request lost',
        explain: () => 'The proxy drops the connection before forwarding the order: the shop never sees it. Dropped, then the retry places the order.',
      },
      'server-failure': {
        label: 'Server failure',
        explain: () => 'The shop takes the stock, then fails inside its transaction: 500, all rolled back, the key released. The retry places the order once.',
      },
      'response-lost': {
        label: 'Response lost',
        explain: () =>
          'The shop places the order, then the proxy drops the connection instead of passing the answer on. Dropped, then the retry gets the stored order: Replayed.',
      },
      latency: {
        label: 'Slow answer',
        explain: (latencyMs) =>
          latencyMs >= ATTEMPT_TIMEOUT_MS
            ? `The proxy holds the order for ${seconds(latencyMs)}, longer than the client waits for one attempt (${seconds(ATTEMPT_TIMEOUT_MS)}), then forwards it anyway. Timed out, then 409 in progress, a replay, or the retry places it first.`
            : `The proxy holds the order for ${seconds(latencyMs)} before forwarding it: within the client's ${seconds(ATTEMPT_TIMEOUT_MS)} per attempt, so the client just waits.`,
      },
    },
  },
  'api-provider': {
    title: 'API → payment provider',
    attempt: 'charge attempt',
    holdLabel: 'Hold charges for (seconds)',
    badge: { on: 'API → provider', off: 'API → provider: faults off' },
    faults: {
      'request-lost': {
        label: 'Charge request lost',
        explain: () =>
          "The proxy drops the shop's charge before it reaches the payment sandbox: nothing is charged. The shop retries with the same key and charges once.",
      },
      'server-failure': {
        label: 'Provider failure',
        explain: () =>
          "The payment sandbox answers Stripe's 500 api_error before charging anything. The shop waits a backoff, retries with the same key and charges once.",
      },
      'response-lost': {
        label: 'Charge response lost',
        explain: () =>
          "The sandbox charges the card, then the proxy drops its answer. The shop's retry carries the same key derived from the order, so the sandbox replays the charge: Replayed on the order page, one charge.",
      },
      latency: {
        label: 'Slow provider',
        explain: (latencyMs) =>
          latencyMs >= SHOP_CHARGE_ATTEMPT_TIMEOUT_MS
            ? `The proxy holds the charge for ${seconds(latencyMs)}, longer than the shop waits for one attempt (${seconds(SHOP_CHARGE_ATTEMPT_TIMEOUT_MS)}), then forwards it anyway. Timed out, then the retry gets 409 in progress, a replay, or charges first: one charge.`
            : `The proxy holds the charge for ${seconds(latencyMs)} before forwarding it: within the shop's ${seconds(SHOP_CHARGE_ATTEMPT_TIMEOUT_MS)} per attempt, so the shop just waits.`,
      },
    },
  },
};

// `11 s`, `2.5 s`: hold times are set in whole or half seconds, so no fixed decimals.
function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** `response lost 100 %, request lost 20 %`, or `no faults`: the rates that are on. */
export function describeRates(status: ChaosStatus, hop: ChaosHop = 'browser-api'): string {
  const faults = HOP_TEXT[hop].faults;
  const on = (Object.keys(faults) as NetworkFault[]).filter((fault) => status.ratePercent[fault] > 0);
  if (on.length === 0) return 'no faults: every request passes untouched';
  return on.map((fault) => `${faults[fault].label.toLowerCase()} ${status.ratePercent[fault]} %`).join(', ');
}

/**
 * The summary's badge for a hop: whether any fault is on, and for what share of its attempts. The
 * slow shop alone is named as such: it delays orders but fails none, so it is no warning.
 */
export function faultsBadge(status: ChaosStatus, hop: ChaosHop = 'browser-api'): { text: string; tone: 'ok' | 'info' | 'warn' } {
  const { badge, attempt } = HOP_TEXT[hop];
  if (hop === 'browser-api' && isSlowShop(status)) return { text: `Slow shop: orders held ${seconds(SLOW_SHOP_HOLD_MS)}, no faults`, tone: 'info' };
  const total = totalPercent(status.ratePercent);
  return total === 0 ? { text: badge.off, tone: 'ok' } : { text: `${badge.on}: ${total} % of ${attempt}s`, tone: 'warn' };
}
