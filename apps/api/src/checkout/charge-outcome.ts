import type { ProblemException } from '../problems/problem.exception';
import type { ChargeRun } from './charge-attempts';

/** A PaymentIntent as the provider (Stripe, or apps/payment-sandbox) shows it; the fields we read. */
export interface PaymentIntent {
  id: string;
  amount: number;
  currency: string;
  status: string;
  metadata: Record<string, string>;
}

/** What the provider answered definitely to a charge (payments.md §2, phase 3): the checkout records it and finishes. */
export type ChargeAnswer = (
  | { kind: 'succeeded'; paymentIntent: PaymentIntent }
  | { kind: 'declined'; declineCode: string; message: string }
  | { kind: 'invalid_payment_method'; message: string }
  /** The provider refused the request itself (400 `invalid_request_error`, e.g. `param: amount`): nothing was charged, and the same request never will be. */
  | { kind: 'invalid_request'; param?: string; message: string }
) & {
  /** This run's attempts at the provider, recorded with the order (undefined: found by a lookup, no charge sent). */
  run?: ChargeRun;
};

/**
 * A charge with no definite answer (no answer, 5xx, 409 after the retries): whether the card was
 * charged is not known. The checkout keeps `run`'s attempts on record and answers `problem`
 * (503 `payment-provider-unavailable`), staying at its recovery point for a retry.
 */
export interface UnknownChargeOutcome {
  kind: 'unknown';
  run: ChargeRun;
  problem: ProblemException;
}

/** How a charge ended: a definite answer, or unknown with the attempts made. */
export type ChargeOutcome = ChargeAnswer | UnknownChargeOutcome;
