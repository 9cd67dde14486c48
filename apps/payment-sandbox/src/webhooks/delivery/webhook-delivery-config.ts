/**
 * How the sandbox delivers webhooks (payments.md §5, docs/payments.md "Delivery schedule"). Stripe
 * retries for up to three days; the sandbox's schedule is the same shape, compressed, so that a
 * refused delivery is retried within a minute by default.
 */
export interface WebhookDeliveryConfig {
  /** Attempts per delivery, the first included; then it is marked failed. `PAYMENT_SANDBOX_WEBHOOK_MAX_ATTEMPTS`, default 10. */
  maxAttempts: number;
  /** Cap of the first retry's delay; it doubles with each retry. `PAYMENT_SANDBOX_WEBHOOK_RETRY_BASE_DELAY_MS`, default 5 000. */
  retryBaseDelayMs: number;
  /** No backoff waits longer; a receiver's `Retry-After` is clamped to it (then jittered up to 20 %). `PAYMENT_SANDBOX_WEBHOOK_RETRY_MAX_DELAY_MS`, default 600 000. */
  retryMaxDelayMs: number;
  /** One attempt's time limit, connection to answer; then it counts as failed. `PAYMENT_SANDBOX_WEBHOOK_ATTEMPT_TIMEOUT_MS`, default 10 000. */
  attemptTimeoutMs: number;
  /** Attempts in flight at once, per process. `PAYMENT_SANDBOX_WEBHOOK_CONCURRENCY`, default 4. */
  concurrency: number;
  /**
   * How often the worker looks for due deliveries it was not told of (a commit that queued some
   * wakes it at once, and its own retries when they fall due): another process's retries, an
   * attempt whose lease ended, a notification lost while its LISTEN was down.
   * `PAYMENT_SANDBOX_WEBHOOK_POLL_INTERVAL_MS`, default 5 000.
   */
  pollIntervalMs: number;
}

export const WEBHOOK_DELIVERY_DEFAULTS: WebhookDeliveryConfig = {
  maxAttempts: 10,
  retryBaseDelayMs: 5_000,
  retryMaxDelayMs: 600_000,
  attemptTimeoutMs: 10_000,
  concurrency: 4,
  pollIntervalMs: 5_000,
};

const DAY_MS = 86_400_000;

// Variable, field, and the bounds that keep the worker meaningful (and its loops bounded).
const VARIABLES: ReadonlyArray<[string, keyof WebhookDeliveryConfig, number, number]> = [
  ['PAYMENT_SANDBOX_WEBHOOK_MAX_ATTEMPTS', 'maxAttempts', 1, 100],
  ['PAYMENT_SANDBOX_WEBHOOK_RETRY_BASE_DELAY_MS', 'retryBaseDelayMs', 0, DAY_MS],
  ['PAYMENT_SANDBOX_WEBHOOK_RETRY_MAX_DELAY_MS', 'retryMaxDelayMs', 0, 3 * DAY_MS],
  ['PAYMENT_SANDBOX_WEBHOOK_ATTEMPT_TIMEOUT_MS', 'attemptTimeoutMs', 100, 300_000],
  ['PAYMENT_SANDBOX_WEBHOOK_CONCURRENCY', 'concurrency', 1, 64],
  ['PAYMENT_SANDBOX_WEBHOOK_POLL_INTERVAL_MS', 'pollIntervalMs', 10, 60_000],
];

/** Reads the delivery settings; each bad variable is pushed onto `errors`. */
export function readWebhookDeliveryConfig(env: NodeJS.ProcessEnv, errors: string[]): WebhookDeliveryConfig {
  const config = { ...WEBHOOK_DELIVERY_DEFAULTS };
  for (const [name, field, min, max] of VARIABLES) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) errors.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    else config[field] = value;
  }
  if (config.retryMaxDelayMs < config.retryBaseDelayMs) {
    errors.push('PAYMENT_SANDBOX_WEBHOOK_RETRY_MAX_DELAY_MS must not be below PAYMENT_SANDBOX_WEBHOOK_RETRY_BASE_DELAY_MS');
  }
  return config;
}
