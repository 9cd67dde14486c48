import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import { NETWORK_FAULTS, type ChaosChange, type ChaosStatus } from '@/lib/chaos';

/**
 * How long the slow shop holds each order request, in milliseconds: long enough that a person's
 * second, third… click lands while the first request is still out, and far inside the client's
 * per-attempt timeout, so that nothing times out or retries.
 */
export const SLOW_SHOP_HOLD_MS = 2_000;

/**
 * The proxy's hold time for the Slow answer scenario once the slow shop is off again: a second
 * longer than the client waits for one attempt, so that attempt times out (the proxy's own default).
 */
export const SLOW_ANSWER_HOLD_MS = CHECKOUT_RETRY_POLICY.attemptTimeoutMs + 1_000;

/**
 * The slow shop, as a change of the proxy's settings: the latency fault on every order attempt,
 * held {@link SLOW_SHOP_HOLD_MS}, and no other fault (each attempt gets at most one).
 */
export const SLOW_SHOP_ON: ChaosChange = {
  ratePercent: Object.fromEntries(NETWORK_FAULTS.map((fault) => [fault, fault === 'latency' ? 100 : 0])),
  latencyMs: SLOW_SHOP_HOLD_MS,
};

/** Back to no faults, with the Slow answer scenario's hold time restored. */
export const SLOW_SHOP_OFF: ChaosChange = { ratePercent: { latency: 0 }, latencyMs: SLOW_ANSWER_HOLD_MS };

/** Whether the proxy is set as {@link SLOW_SHOP_ON} sets it. */
export function isSlowShop(status: ChaosStatus): boolean {
  return status.latencyMs === SLOW_SHOP_HOLD_MS && NETWORK_FAULTS.every((fault) => status.ratePercent[fault] === (fault === 'latency' ? 100 : 0));
}
