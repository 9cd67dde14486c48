import { retryDelay, type RandomSource } from '@safe-checkout/retrying-client';
import type { WebhookDeliveryConfig } from './webhook-delivery-config';

/** What happens to a delivery after a failed attempt. */
export type AfterFailure = { giveUp: true } | { giveUp: false; delayMs: number };

/**
 * The schedule after failed attempt number `attempts` (1-based): retried after the project's
 * jittered exponential backoff (libs/retrying-client: full jitter, uniform in
 * [0, min(max, base · 2^(attempts-1))]), or after the receiver's `Retry-After` when that is longer
 * (clamped to the longest delay, plus up to 20 % jitter); given up once `maxAttempts` attempts were made.
 * The waits are kept in the outbox, not in memory, so a restart keeps the schedule.
 */
export function afterFailedAttempt(
  attempts: number,
  retryAfterMs: number | undefined,
  config: WebhookDeliveryConfig,
  random: RandomSource = Math.random,
): AfterFailure {
  if (attempts >= config.maxAttempts) return { giveUp: true };
  const policy = { baseDelayMs: config.retryBaseDelayMs, maxDelayMs: config.retryMaxDelayMs, retries: config.maxAttempts - 1, jitter: 'full' as const };
  const { delayMs } = retryDelay({ retry: attempts, previousDelayMs: config.retryBaseDelayMs, retryAfterMs }, policy, random);
  return { giveUp: false, delayMs: Math.round(delayMs) };
}
