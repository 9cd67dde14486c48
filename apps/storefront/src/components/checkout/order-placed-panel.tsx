'use client';

import Link from 'next/link';
import type { CheckoutRecord, CheckoutResult } from '@/lib/checkout/checkout-record';
import { paymentMethodLabel } from '@/lib/checkout/test-payment-methods';
import { CheckoutResultView } from './checkout-result';
import styles from './checkout.module.css';

export interface OrderPlacedPanelProps {
  record: CheckoutRecord;
  result: Extract<CheckoutResult, { state: 'placed' }>;
  onCheckAgain: () => void;
}

/**
 * The checkout once the whole cart was ordered: the order placed, a link to it, and the way back
 * to the shop, instead of a Buy button with nothing to buy.
 */
export function OrderPlacedPanel({ record, result, onCheckAgain }: OrderPlacedPanelProps) {
  const twins = record.inFlight.length;
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="checkout-title" data-testid="order-placed">
      <h2 id="checkout-title">Thank you for your order</h2>
      <CheckoutResultView result={result} card={paymentMethodLabel(record.paymentMethod)} checking={twins > 0} onCheckAgain={onCheckAgain} />
      {twins > 0 && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {waitingTwins(twins)}
        </p>
      )}
      <div className={styles.next}>
        <Link className="button" href={`/orders/${result.orderId}`}>
          View your order
        </Link>
        <Link className="button button--secondary" href="/">
          Continue shopping
        </Link>
      </div>
    </section>
  );
}

/** Double-click twins of a placed order: they are waiting to be told "replayed". */
export function waitingTwins(count: number): string {
  return count === 1
    ? '1 more request is still waiting for its answer (it will be a replay).'
    : `${count} more requests are still waiting for their answers (they will be replays).`;
}
