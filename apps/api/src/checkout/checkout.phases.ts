import { Injectable, Logger } from '@nestjs/common';
import { AtomicPhase, finishWith, foreignPhase, localPhase, STARTED, StoredResponse, toRecoveryPoint } from '@safe-checkout/idempotency';
import { tracedPhases } from '@safe-checkout/tracing';
import { OrderView, PaymentConfirmation } from '../orders/order.representation';
import { ProblemException } from '../problems/problem.exception';
import { renderProblem } from '../problems/render-problem';
import { ChargeAnswer } from './charge-outcome';
import type { CheckoutInput } from './checkout-input';
import { CheckoutStatements } from './checkout.statements';
import { OrderSettlement, PaymentOutcome } from './order-settlement.service';
import { PaymentProvider } from './payment-provider';

/** What the checkout keeps with its key once the order exists (recovery point `order_created`). */
export interface CheckoutState {
  orderId: string;
}

/** The recovery point after the order's transaction committed: the order exists, awaiting payment. */
export const ORDER_CREATED = 'order_created';

/**
 * `POST /orders` as atomic phases (payments.md §2; Brandur Leach's rocket-rides-atomic):
 *
 *   started ──[1. create the order, take the stock]──▶ order_created
 *   order_created ──[2. charge the total at the provider, outside any transaction]──
 *                 ──[3. record the answer: paid 201 | payment_failed 402/422, stock back]──▶ finished
 *
 * Only an unknown charge outcome keeps the key at `order_created`; every answer the provider
 * gave (paid, declined, a request it refused as invalid) finishes the checkout.
 *
 * A crash or an unknown charge outcome leaves the key at `order_created`: a retry with the same
 * key, or the recovery worker, resumes at step 2 with the same derived charge key, so the order is
 * created once and charged once.
 */
@Injectable()
export class CheckoutPhases {
  private readonly logger = new Logger(CheckoutPhases.name);
  /** The phases a customer's request runs (and resumes, with the same key). */
  readonly phases: readonly AtomicPhase[] = this.phasesConfirmedBy('charge_answer');
  /** The same phases, run by the recovery worker: the order's receipt says the worker confirmed it. */
  readonly recoveryPhases: readonly AtomicPhase[] = this.phasesConfirmedBy('recovery_worker');

  constructor(
    private readonly statements: CheckoutStatements,
    private readonly settlement: OrderSettlement,
    private readonly payments: PaymentProvider,
  ) {}

  private phasesConfirmedBy(confirmedBy: PaymentConfirmation): readonly AtomicPhase[] {
    return tracedPhases([
      localPhase('create the order, awaiting payment', STARTED, (input: CheckoutInput) => this.createOrder(input)),
      foreignPhase(
        'charge the order at the payment provider',
        ORDER_CREATED,
        (state: CheckoutState) => this.charge(state),
        (state: CheckoutState, answer: ChargeAnswer) => this.recordPayment(state, answer, confirmedBy),
      ),
    ]);
  }

  private async createOrder(input: CheckoutInput) {
    const order = await this.statements.createAwaitingPayment(input);
    return toRecoveryPoint(ORDER_CREATED, { orderId: order.id } satisfies CheckoutState);
  }

  private async charge({ orderId }: CheckoutState): Promise<ChargeAnswer> {
    // A webhook may have settled the order while this checkout's answer was lost (payments.md §5):
    // the order already knows what paid it, so nothing is sent.
    const paidBy = await this.statements.paidBy(orderId);
    if (paidBy) return { kind: 'succeeded', paymentIntent: paidBy };
    const order = await this.statements.orderToCharge(orderId);
    // The provider keeps idempotency keys 24 h: past that, a re-sent charge would be a new one.
    if (order.derivedKeyMayHaveExpired) {
      const earlier = await this.payments.findSucceededCharge(orderId);
      if (earlier) return { kind: 'succeeded', paymentIntent: earlier };
    }
    const outcome = await this.payments.charge(order);
    if (outcome.kind !== 'unknown') return outcome;
    // No phase commits an unknown outcome, so its attempts are kept on their own: the customer's
    // order shows why it is still awaiting payment (docs/payments.md "The charge's attempts, on record").
    await this.statements
      .recordChargeRun(orderId, outcome.run)
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not record the charge attempts'));
    throw outcome.problem;
  }

  private async recordPayment({ orderId }: CheckoutState, answer: ChargeAnswer, confirmedBy: PaymentConfirmation) {
    await this.statements.recordChargeRun(orderId, answer.run);
    const outcome: PaymentOutcome = answer.kind === 'succeeded' ? answer : { kind: 'failed' };
    const settlement = await this.settlement.settle(orderId, outcome, confirmedBy);
    if (!settlement || settlement.kind === 'other_payment_intent') {
      const paymentIntent = answer.kind === 'succeeded' ? answer.paymentIntent.id : 'no PaymentIntent';
      throw new Error(`the charge's answer (${paymentIntent}) does not settle order ${orderId}, which is ${settlement?.order.status ?? 'missing'}`);
    }
    // Whoever settled first decided the order; this answer reports the order as it is.
    if (settlement.order.status === 'paid') return finishWith(created(settlement.order));
    if (answer.kind === 'succeeded') throw new Error(`order ${orderId} is ${settlement.order.status}, yet its charge succeeded`);
    return finishWith(renderProblem(refusalProblem(orderId, answer)));
  }
}

/** The final answer to a charge the provider refused: the order is `payment_failed`, its stock given back. */
function refusalProblem(orderId: string, answer: Exclude<ChargeAnswer, { kind: 'succeeded' }>): ProblemException {
  switch (answer.kind) {
    case 'declined':
      return new ProblemException('payment-declined', `The payment was declined: ${answer.message}`, { declineCode: answer.declineCode, orderId });
    case 'invalid_payment_method':
      return new ProblemException('payment-method-invalid', `The payment method cannot be charged: ${answer.message}`, { orderId });
    case 'invalid_request':
      return new ProblemException('payment-request-invalid', `The payment provider refused the charge request: ${answer.message}`, {
        orderId,
        ...(answer.param ? { param: answer.param } : {}),
      });
  }
}

function created(order: OrderView): StoredResponse {
  return {
    status: 201,
    headers: { 'content-type': 'application/json; charset=utf-8', location: `/orders/${order.id}` },
    body: JSON.stringify(order),
  };
}
