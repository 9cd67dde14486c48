import type { Order, PaymentConfirmation } from '@/lib/api';
import { formatDateTime, formatMoney, shortId } from '@/lib/format';
import styles from './orders.module.css';

// What each status means for the customer's card, when there is no payment to show.
const WITHOUT_PAYMENT: Record<Order['status'], string> = {
  paid: 'Paid; the payment details are not available.',
  payment_failed: 'The payment failed: nothing was charged, and the items went back into stock.',
  awaiting_payment:
    'The payment is not settled yet. The shop finishes it by itself (as soon as the payment provider answers), and the card is charged at most once.',
};

// How the shop learned the payment succeeded (payments.md §5: three paths, the first one settles).
const CONFIRMED_BY: Record<PaymentConfirmation, string> = {
  charge_answer: "the payment provider's answer to the charge",
  webhook: "the payment provider's webhook (the charge's own answer came later, or never)",
  recovery_worker: "the shop's recovery worker, which finished the checkout by itself",
};

// A value the API added after this storefront was built.
const wordsFor = <K extends string>(table: Record<K, string>, key: K, unknown: string) => (Object.hasOwn(table, key) ? table[key] : unknown);

/** The PaymentIntent that paid the order and the amount charged, or what its status means. */
export function OrderPayment({ order }: { order: Order }) {
  return (
    <section className={styles.payment} aria-labelledby="payment-title" data-testid="order-payment">
      <h2 id="payment-title">Payment</h2>
      {order.payment ? (
        <dl className={styles.paymentFacts}>
          <dt>Charged</dt>
          <dd>{formatMoney({ cents: order.payment.amount, currency: order.payment.currency })}</dd>
          <dt>PaymentIntent</dt>
          <dd>
            <code data-testid="payment-intent-id">{order.payment.paymentIntentId}</code>
          </dd>
          {order.receipt && (
            <>
              <dt>Receipt</dt>
              <dd data-testid="receipt">
                {shortId(order.receipt.id)}, issued {formatDateTime(order.receipt.issuedAt)}
              </dd>
              <dt>Confirmed by</dt>
              <dd data-testid="payment-confirmed-by">{wordsFor(CONFIRMED_BY, order.receipt.confirmedBy, 'a way this page does not know')}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">{wordsFor(WITHOUT_PAYMENT, order.status, 'The shop reports a status this page does not know.')}</p>
      )}
    </section>
  );
}
