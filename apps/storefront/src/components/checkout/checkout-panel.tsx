'use client';

import { useId, useState } from 'react';
import type { CartItem, Money, Session } from '@/lib/api';
import { canReuse, type CheckoutRecord } from '@/lib/checkout/checkout-record';
import { checkoutStore } from '@/lib/checkout/checkout-store';
import { placeOrder } from '@/lib/checkout/place-order';
import { formatMoney } from '@/lib/format';
import { useApi } from '../providers/api-provider';
import { CheckoutResultView } from './checkout-result';
import styles from './checkout.module.css';

export interface CheckoutPanelProps {
  session: Session;
  cart: readonly CartItem[];
  /** The cart's total at catalog prices; the shop computes the real one. */
  total: Money | null;
  record: CheckoutRecord | null;
}

/**
 * The Buy button, the double-click guard toggle, the checkout's key and its verdict. The guard
 * (a disabled button while a request is out) is a nicety: with it off every click sends a
 * request, and the key still makes them one order.
 */
export function CheckoutPanel({ session, cart, total, record }: CheckoutPanelProps) {
  const api = useApi();
  const [guardOff, setGuardOff] = useState(false);
  const guardId = useId();
  const sending = (record?.inFlight.length ?? 0) > 0;
  const reuses = canReuse(record, cart);

  function buy(items: readonly CartItem[]) {
    // Read the store, not React state: a second click in the same frame must see the first.
    const inFlight = checkoutStore(session.user.id).get()?.inFlight.length ?? 0;
    if (!guardOff && inFlight > 0) return;
    void placeOrder({ apiBaseUrl: api.baseUrl, session, items });
  }

  return (
    <section className={`card ${styles.panel}`} aria-labelledby="checkout-title">
      <h2 id="checkout-title">Checkout</h2>
      <p className={styles.total}>
        <span>Total</span>
        <strong>{total ? formatMoney(total) : '—'}</strong>
      </p>
      <button
        type="button"
        className={`button button--wide button--large ${styles.buy}`}
        disabled={cart.length === 0 || (!guardOff && sending)}
        onClick={() => buy(cart)}
      >
        {sending && !guardOff ? 'Placing your order…' : 'Buy now'}
      </button>
      <div className={styles.guard}>
        <input id={guardId} type="checkbox" checked={guardOff} onChange={(e) => setGuardOff(e.target.checked)} aria-describedby={`${guardId}-help`} />
        <div>
          <label htmlFor={guardId}>Disable double-click guard</label>
          <p id={`${guardId}-help`} className="muted">
            Demo: every click sends a request. One order anyway, thanks to the key.
          </p>
        </div>
      </div>
      <p className={styles.keyNote} aria-live="polite">
        {record && reuses ? (
          <>
            Checkout key <code>{record.key.slice(0, 8)}…</code>: every click, retry and reload reuses it until the order is confirmed.
          </>
        ) : (
          <>Buying mints a new checkout key for exactly this cart; changing the cart later starts a new one.</>
        )}
      </p>
      {sending && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {record?.result?.state === 'placed' ? waitingTwins(record.inFlight.length) : 'Placing your order…'}
        </p>
      )}
      {record?.result?.state === 'unknown' && !reuses && cart.length > 0 && (
        <p className="callout callout--warn">Your cart changed after this checkout started. Check again first: buying now places a separate order.</p>
      )}
      {record?.result && <CheckoutResultView result={record.result} checking={sending} onCheckAgain={() => buy(record.items)} />}
    </section>
  );
}

// Double-click twins of a placed order: they are waiting to be told "replayed".
function waitingTwins(count: number): string {
  return count === 1 ? '1 more request is still waiting for its answer (it will be a replay).' : `${count} more requests are still waiting for their answers (they will be replays).`;
}
