import type { Order } from '@/lib/api';
import { formatMoney } from '@/lib/format';
import styles from './orders.module.css';

// What each status means for the customer's card, when there is no payment to show.
const WITHOUT_PAYMENT: Record<Order['status'], string> = {
  paid: 'Paid; the payment details are not available.',
  'payment-failed': 'The payment failed: nothing was charged, and the items went back into stock.',
  'awaiting-payment':
    'The payment is not settled yet. The shop finishes it by itself (as soon as the payment provider answers), and the card is charged at most once.',
  confirmed: 'Placed before the shop took payments.',
  unknown: 'The shop reports a status this page does not know.',
};

/** The order's payment: the PaymentIntent that paid it and the amount charged, or what its status means. */
export function OrderPayment({ order }: { order: Order }) {
  return (
    <section className={styles.payment} aria-labelledby="payment-title" data-testid="order-payment">
      <h2 id="payment-title">Payment</h2>
      {order.payment ? (
        <dl className={styles.paymentFacts}>
          <dt>Charged</dt>
          <dd>{formatMoney(order.payment.amount)}</dd>
          <dt>PaymentIntent</dt>
          <dd>
            <code data-testid="payment-intent-id">{order.payment.paymentIntentId}</code>
          </dd>
        </dl>
      ) : (
        <p className="muted">{WITHOUT_PAYMENT[order.status]}</p>
      )}
    </section>
  );
}
