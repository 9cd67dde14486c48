/**
 * A delivery schedule compressed for tests: the worker polls every 50 ms, retries after at most
 * 200 ms (doubling to 400 ms), gives up after 3 attempts and waits 2 s for an answer.
 */
export const FAST_WEBHOOK_DELIVERY_ENV: NodeJS.ProcessEnv = {
  PAYMENT_SANDBOX_WEBHOOK_POLL_INTERVAL_MS: '50',
  PAYMENT_SANDBOX_WEBHOOK_RETRY_BASE_DELAY_MS: '200',
  PAYMENT_SANDBOX_WEBHOOK_RETRY_MAX_DELAY_MS: '400',
  PAYMENT_SANDBOX_WEBHOOK_MAX_ATTEMPTS: '3',
  PAYMENT_SANDBOX_WEBHOOK_ATTEMPT_TIMEOUT_MS: '2000',
};
