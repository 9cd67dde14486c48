import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRetryingClient, RetryingClientError } from '@safe-checkout/retrying-client';
import { withAttemptSpans } from '@safe-checkout/tracing';
import type { AxiosInstance } from 'axios';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { ProblemException } from '../problems/problem.exception';
import { chargeRunRecorder } from './charge-attempts';
import { chargeKeyOf } from './charge-key';
import { ChargeAnswer, ChargeOutcome, PaymentIntent } from './charge-outcome';
import type { OrderToCharge } from './order-to-charge';
import { PaymentMetrics } from './payment-metrics';
import { ProviderHoldOff } from './provider-hold-off';

// A charge answers in milliseconds; these bound how long a checkout waits for an unknown outcome
// before it answers 503 and leaves the rest to a retry or the recovery worker.
// Seconds a customer should wait before retrying a checkout whose charge had no answer.
const PROVIDER_UNAVAILABLE_RETRY_AFTER_SECONDS = 2;
const CHARGE_RETRY_POLICY = { retries: 3, baseDelayMs: 200, maxDelayMs: 2_000, attemptTimeoutMs: 4_000, deadlineMs: 10_000 } as const;

/**
 * The payment provider, spoken to in Stripe's PaymentIntents wire format (apps/payment-sandbox, or
 * Stripe's test mode: only PAYMENT_PROVIDER_URL and PAYMENT_PROVIDER_SECRET_KEY change). Every
 * charge goes through the project's retrying client, server-side: jittered backoff, a retry budget,
 * a per-attempt timeout and a deadline, with the order's derived key on every attempt.
 */
@Injectable()
export class PaymentProvider {
  private readonly logger = new Logger(PaymentProvider.name);
  private readonly http: AxiosInstance;
  /** What the provider's last answers ask of new charges; the recovery worker waits on it (payments.md §2 "Recovery"). */
  readonly holdOff = new ProviderHoldOff();

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    private readonly metrics: PaymentMetrics,
  ) {
    this.http = createRetryingClient({
      ...CHARGE_RETRY_POLICY,
      axios: { baseURL: config.paymentProviderUrl, headers: { Authorization: `Bearer ${config.paymentProviderSecretKey}` } },
      onRetry: (event) => this.metrics.countRetry(event.reason),
      ...this.holdOff.hooks,
    });
  }

  /**
   * Charges the order's total once, whatever happens: confirms a PaymentIntent at once with the
   * key derived from the order id, so a repeat (a retry, another process, after a crash) gets the
   * first charge replayed by the provider.
   *
   * @returns the provider's definite answer, or `unknown` (no answer, 5xx, or the same key still in
   *   flight after the retries) with the attempts made and the 503 `payment-provider-unavailable` to answer
   */
  async charge(order: OrderToCharge): Promise<ChargeOutcome> {
    const form = new URLSearchParams({
      amount: String(order.totalCents),
      currency: order.currency.toLowerCase(),
      payment_method: order.paymentMethod,
      confirm: 'true',
      'metadata[order_id]': order.orderId,
      'metadata[user_id]': order.userId,
    });
    const key = chargeKeyOf(order.orderId);
    const recorder = chargeRunRecorder(key);
    try {
      const { data } = await this.http.post<PaymentIntent>('/v1/payment_intents', form.toString(), {
        // Stripe takes the key as a bare value; our sandbox accepts that form too.
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': key },
        hooks: withAttemptSpans(recorder.hooks),
      });
      this.metrics.countCharge('succeeded');
      return { kind: 'succeeded', paymentIntent: data, run: recorder.finish('succeeded') };
    } catch (error) {
      const answer = definiteAnswerOf(error);
      if (answer) {
        this.metrics.countCharge(answer.kind);
        return { ...answer, run: recorder.finish(answer.kind) };
      }
      this.metrics.countCharge('unavailable');
      return { kind: 'unknown', run: recorder.finish('unknown'), problem: this.unavailable(error) };
    }
  }

  /**
   * The succeeded PaymentIntent of an order, if there is one: for a charge whose derived key may
   * have expired at the provider (24 h), which a new attempt must not re-send blindly.
   *
   * @throws ProblemException `payment-provider-unavailable` when the provider cannot be asked
   */
  async findSucceededCharge(orderId: string): Promise<PaymentIntent | undefined> {
    try {
      const { data } = await this.http.get<{ data: PaymentIntent[] }>('/v1/payment_intents/search', {
        params: { query: `metadata['order_id']:'${orderId}'` },
      });
      return data.data.find((intent) => intent.status === 'succeeded');
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  private unavailable(error: unknown): ProblemException {
    const status = (error as RetryingClientError).response?.status;
    // A 4xx other than a decline is our own request at fault (a wrong secret key, say): nothing was
    // charged, and retrying will not help until it is fixed. Say so loudly; to the customer it is
    // the same "try again later".
    if (status !== undefined && status < 500 && status !== 409) this.logger.error({ err: error }, 'the payment provider rejected the charge request itself');
    const detail =
      'The payment provider did not answer, so whether the card was charged is not known yet. Nothing will be charged twice: retry with the same Idempotency-Key to find out.';
    return new ProblemException('payment-provider-unavailable', detail, {}, { 'Retry-After': String(PROVIDER_UNAVAILABLE_RETRY_AFTER_SECONDS) });
  }
}

interface StripeError {
  error?: { type?: string; code?: string; decline_code?: string; param?: string; message?: string };
}

/** A definite answer other than success: the provider refused the charge, and nothing was charged. */
type ChargeRefusal = Exclude<ChargeAnswer, { kind: 'succeeded' }>;

function definiteAnswerOf(error: unknown): ChargeRefusal | undefined {
  if (!(error instanceof RetryingClientError) || error.outcome !== 'definite') return undefined;
  const status = error.response?.status;
  const body = (error.response?.data as StripeError | undefined)?.error;
  if (status === 402 && body?.type === 'card_error') {
    return { kind: 'declined', declineCode: body.decline_code ?? body.code ?? 'card_declined', message: body.message ?? 'Your card was declined.' };
  }
  if (status === 400 && body?.param === 'payment_method') {
    return { kind: 'invalid_payment_method', message: body.message ?? 'No such payment method.' };
  }
  // The provider validated the request and refused it (Stripe: an amount out of range, an unknown
  // currency): nothing was charged, and sending it again cannot change that, so it is final, not
  // an unknown outcome to retry forever. A 401 (wrong secret key) stays unknown: it is
  // the shop's configuration, and fixing it lets the same checkout finish.
  if (status === 400 && body?.type === 'invalid_request_error') {
    return { kind: 'invalid_request', ...(body.param ? { param: body.param } : {}), message: body.message ?? 'The payment provider refused the request.' };
  }
  return undefined;
}
