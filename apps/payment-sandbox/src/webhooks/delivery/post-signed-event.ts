import { parseRetryAfterMs } from '@safe-checkout/retrying-client';
import { stripeSignatureHeader } from './stripe-signature';

/** One HTTP request of a delivery. */
export interface SignedEventRequest {
  url: string;
  /** The event's JSON, sent and signed byte for byte. */
  body: string;
  secret: string;
  timeoutMs: number;
  /** Aborts the request (the worker stopping). */
  signal: AbortSignal;
  /** Headers besides the delivery's own: the attempt's `traceparent` when tracing is on (payments.md §5 allows extra headers). */
  traceHeaders?: Record<string, string>;
}

/** How the receiver answered; `status` is undefined when it did not (timeout, refused, reset). */
export interface ReceiverAnswer {
  status?: number;
  retryAfterMs?: number;
  error?: string;
}

/** Stripe's webhook user agent, which receivers may log or filter on. */
const USER_AGENT = 'Stripe/1.0 (+https://stripe.com/docs/webhooks)';

/**
 * POSTs the signed event once. Redirects are not followed (Stripe counts a 3xx as a failure);
 * the answer's body is never read, so a receiver cannot make the sandbox buffer it.
 */
export async function postSignedEvent(request: SignedEventRequest): Promise<ReceiverAnswer> {
  const signature = stripeSignatureHeader(request.body, request.secret, Math.floor(Date.now() / 1000));
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { ...request.traceHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': signature, 'User-Agent': USER_AGENT },
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs)]),
    });
    await response.body?.cancel();
    return { status: response.status, retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after') ?? undefined, Date.now()) };
  } catch (error) {
    return { error: describeFailure(error, request.timeoutMs) };
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const { name, message, cause } = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (name === 'AbortError') return 'aborted: the sandbox stopped';
  return cause?.code ?? cause?.message ?? message ?? String(error);
}
