import type { Request } from 'express';
import { invalidRequest } from '../../stripe-errors/stripe-api.error';
import { parseMetadata } from './metadata';
import { formBodyParams, integerWithin, optionalString, rejectUnknownParams, requiredString } from './request-params';

/** The parameters of `POST /v1/payment_intents` that this subset accepts. */
export interface CreatePaymentIntentParams {
  /** Positive, in the currency's minor unit. */
  amount: number;
  /** Lower-case ISO 4217. */
  currency: string;
  /** A test payment method token, e.g. `pm_card_visa`; checked against the known ones later. */
  paymentMethod: string;
  metadata: Record<string, string>;
}

const KNOWN_PARAMS = ['amount', 'currency', 'payment_method', 'confirm', 'metadata'] as const;
// Stripe's largest amount for most currencies (eight digits of minor units); it also fits int4.
const MAX_AMOUNT = 99_999_999;
const CONFIRM_ONLY = 'This sandbox supports only confirm=true: a PaymentIntent is created and confirmed in one request.';
const ISO_4217 = new Set(Intl.supportedValuesOf('currency').map((code) => code.toLowerCase()));

/**
 * Reads and validates a create request's form body as Stripe does, reporting the first problem
 * only: unknown parameters, then missing ones, then invalid values.
 *
 * @throws StripeApiError 400 `invalid_request_error` (with `code` and `param` where Stripe has them)
 */
export function parseCreatePaymentIntentParams(request: Request): CreatePaymentIntentParams {
  const params = formBodyParams(request);
  rejectUnknownParams(params, KNOWN_PARAMS);
  const [amount, currency, paymentMethod] = (['amount', 'currency', 'payment_method'] as const).map((name) => requiredString(params, name));
  requireConfirmTrue(optionalString(params, 'confirm'));
  return {
    amount: integerWithin(amount, 'amount', 1, MAX_AMOUNT),
    currency: parseCurrency(currency),
    paymentMethod,
    metadata: parseMetadata(params.metadata),
  };
}

function requireConfirmTrue(confirm: string | undefined): void {
  if (confirm === 'true') return;
  if (confirm === undefined || confirm === '')
    throw invalidRequest(`Missing required param: confirm. ${CONFIRM_ONLY}`, { code: 'parameter_missing', param: 'confirm' });
  throw invalidRequest(confirm === 'false' ? CONFIRM_ONLY : `Invalid boolean: ${confirm}. ${CONFIRM_ONLY}`, { param: 'confirm' });
}

function parseCurrency(raw: string): string {
  if (/^[a-z]{3}$/.test(raw) && ISO_4217.has(raw)) return raw;
  const hint = /^[A-Z]{3}$/.test(raw)
    ? ` Currency codes are lower-case here: use ${raw.toLowerCase()}.`
    : ' Use a lower-case ISO 4217 code such as eur or usd.';
  throw invalidRequest(`Invalid currency: ${raw}.${hint}`, { param: 'currency' });
}
