import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import { NETWORK_FAULTS, totalPercent, type ChaosStatus, type NetworkFault } from '@/lib/chaos/chaos-admin';
import { isSlowShop, SLOW_SHOP_HOLD_MS } from './slow-shop';

const ATTEMPT_TIMEOUT_MS = CHECKOUT_RETRY_POLICY.attemptTimeoutMs;

/**
 * The panel's words for each network hop of a checkout with a chaos proxy on it: the browser's orders to the API, and the API's
 * charges at the payment sandbox. `intro` is given the eligible requests in words; `upstream` is what answered 502 when the proxy
 * could not reach it; each fault's `explain` is given the hold time of `latency`.
 */
export const HOP_TEXT = {
  'browser-api': {
    title: 'Browser → API',
    intro: (requests: string) =>
      `This shop talks to its API through a fault-injecting proxy. Each rate is the chance that one ${requests} gets that fault; everything else passes untouched. Every retry carries the same key: buy something and watch the retry timeline.`,
    route: 'POST /orders',
    attempt: 'order attempt',
    upstream: 'the API',
    countsNote:
      ' Faults can outnumber the attempts on the timeline: when a kept-alive connection closes without an answer, the browser itself may send the request again (Chromium up to twice) before the page hears of it. The same key makes those resends harmless too.',
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
        explain: (latencyMs: number) =>
          latencyMs >= ATTEMPT_TIMEOUT_MS
            ? `The proxy holds the order for ${seconds(latencyMs)}, longer than the client waits for one attempt (${seconds(ATTEMPT_TIMEOUT_MS)}), then forwards it anyway. Timed out, then 409 in progress, a replay, or the retry places it first.`
            : `The proxy holds the order for ${seconds(latencyMs)} before forwarding it: within the client's ${seconds(ATTEMPT_TIMEOUT_MS)} per attempt, so the client just waits.`,
      },
    },
  },
  'api-provider': {
    title: 'API → payment provider',
    intro: (requests: string) =>
      `The shop's API charges the card at the payment sandbox through a second proxy. Each rate is the chance that one ${requests} gets that fault. The shop retries with one key derived from the order: open the order afterwards to see its attempts at the provider.`,
    route: 'POST /v1/payment_intents',
    attempt: 'charge attempt',
    upstream: 'the payment sandbox',
    countsNote: '',
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
        // The shop's own time per charge attempt is the API's setting (docs/payments.md), not known here.
        explain: (latencyMs: number) =>
          `The proxy holds the charge for ${seconds(latencyMs)}, then forwards it. Held longer than the shop waits for one attempt, it times out there; the retry then gets 409 in progress, a replay, or charges first: one charge.`,
      },
    },
  },
};

export type ChaosHop = keyof typeof HOP_TEXT;

/** The section of the How-this-works page about each fault's scenario (the same on both hops). */
export const LEARN_MORE: Record<NetworkFault, { anchor: string; text: string }> = {
  'request-lost': { anchor: 'request-lost', text: 'The request is lost, explained' },
  'server-failure': { anchor: 'server-failed', text: 'The server fails, explained' },
  'response-lost': { anchor: 'response-lost', text: 'The response is lost, explained' },
  latency: { anchor: 'slow-answer', text: 'A slow answer, explained' },
};

// `11 s`, `2.5 s`: hold times are set in whole or half seconds, so no fixed decimals.
function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** `request lost 20 %, response lost 10 %`, or `no faults: …`: the rates that are on, in the hop's words. */
export function describeRates(status: ChaosStatus, hop: ChaosHop): string {
  const on = NETWORK_FAULTS.filter((fault) => status.ratePercent[fault] > 0);
  if (on.length === 0) return 'no faults: every request passes untouched';
  return on.map((fault) => `${HOP_TEXT[hop].faults[fault].label.toLowerCase()} ${status.ratePercent[fault]} %`).join(', ');
}

/** The summary's badge for a hop. The slow shop alone delays orders but fails none, so it is named, not a warning. */
export function faultsBadge(status: ChaosStatus, hop: ChaosHop): { text: string; tone: 'ok' | 'info' | 'warn' } {
  const { badge, attempt } = HOP_TEXT[hop];
  if (hop === 'browser-api' && isSlowShop(status)) return { text: `Slow shop: orders held ${seconds(SLOW_SHOP_HOLD_MS)}, no faults`, tone: 'info' };
  const total = totalPercent(status.ratePercent);
  return total === 0 ? { text: badge.off, tone: 'ok' } : { text: `${badge.on}: ${total} % of ${attempt}s`, tone: 'warn' };
}
