import { readWebhookDeliveryConfig } from './webhook-delivery-config';

describe('readWebhookDeliveryConfig(env, errors)', () => {
  it('reads every PAYMENT_SANDBOX_WEBHOOK_* variable', () => {
    const errors: string[] = [];
    const config = readWebhookDeliveryConfig(
      {
        PAYMENT_SANDBOX_WEBHOOK_MAX_ATTEMPTS: '3',
        PAYMENT_SANDBOX_WEBHOOK_RETRY_BASE_DELAY_MS: '100',
        PAYMENT_SANDBOX_WEBHOOK_RETRY_MAX_DELAY_MS: '800',
        PAYMENT_SANDBOX_WEBHOOK_ATTEMPT_TIMEOUT_MS: '2000',
        PAYMENT_SANDBOX_WEBHOOK_CONCURRENCY: '1',
        PAYMENT_SANDBOX_WEBHOOK_POLL_INTERVAL_MS: '50',
      },
      errors,
    );
    expect(errors).toEqual([]);
    expect(config).toEqual({ maxAttempts: 3, retryBaseDelayMs: 100, retryMaxDelayMs: 800, attemptTimeoutMs: 2000, concurrency: 1, pollIntervalMs: 50 });
  });

  it('names each value that is not a whole number within its bounds', () => {
    const errors: string[] = [];
    readWebhookDeliveryConfig(
      { PAYMENT_SANDBOX_WEBHOOK_MAX_ATTEMPTS: '0', PAYMENT_SANDBOX_WEBHOOK_CONCURRENCY: '1.5', PAYMENT_SANDBOX_WEBHOOK_ATTEMPT_TIMEOUT_MS: 'soon' },
      errors,
    );
    expect(errors).toEqual([
      'PAYMENT_SANDBOX_WEBHOOK_MAX_ATTEMPTS must be a whole number from 1 to 100 (got "0")',
      'PAYMENT_SANDBOX_WEBHOOK_ATTEMPT_TIMEOUT_MS must be a whole number from 100 to 300000 (got "soon")',
      'PAYMENT_SANDBOX_WEBHOOK_CONCURRENCY must be a whole number from 1 to 64 (got "1.5")',
    ]);
  });

  it('refuses a longest delay below the first', () => {
    const errors: string[] = [];
    readWebhookDeliveryConfig({ PAYMENT_SANDBOX_WEBHOOK_RETRY_BASE_DELAY_MS: '1000', PAYMENT_SANDBOX_WEBHOOK_RETRY_MAX_DELAY_MS: '999' }, errors);
    expect(errors).toEqual(['PAYMENT_SANDBOX_WEBHOOK_RETRY_MAX_DELAY_MS must not be below PAYMENT_SANDBOX_WEBHOOK_RETRY_BASE_DELAY_MS']);
  });
});
